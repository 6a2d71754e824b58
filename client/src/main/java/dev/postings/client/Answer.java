package dev.postings.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer of the API: its status and its JSON body (missing when the body was empty or not JSON). {@link #as} reads
 * the body as one of the answer records; {@link #body} keeps it whole, for callers that print it as it came.
 */
public record Answer(int status, JsonNode body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as {@code type} (e.g. {@link PostingView}, {@link PostingAccepted}, {@link ApiError}). */
  public <T> T as(Class<T> type) {
    try {
      return PostingsClient.JSON.treeToValue(body, type);
    } catch (JsonProcessingException | IllegalArgumentException unreadable) {
      throw new IllegalStateException("the API's answer (HTTP " + status + ") is not a " + type.getSimpleName() + ": "
          + unreadable.getMessage(), unreadable);
    }
  }

  /** The API's reason, from {@code {"error","message"}} or {@code {"errors":[{"field","message"}]}}. */
  public String reason() {
    if (body.hasNonNull("message")) {
      return body.get("message").asText();
    }
    List<String> reasons = new ArrayList<>();
    for (JsonNode error : body.path("errors")) {
      String field = error.path("field").asText("");
      reasons.add((field.isEmpty() ? "" : field + ": ") + error.path("message").asText());
    }
    if (!reasons.isEmpty()) {
      return String.join("; ", reasons);
    }
    return body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
  }
}
