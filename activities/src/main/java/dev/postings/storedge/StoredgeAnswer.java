package dev.postings.storedge;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** One HTTP answer from storEDGE, its body parsed (a missing or non-JSON body is a MissingNode). */
record StoredgeAnswer(int status, HttpHeaders headers, JsonNode body) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** storEDGE's {@code meta.error_code}, or null. */
  String errorCode() {
    JsonNode code = body.path("meta").path("error_code");
    return code.isTextual() ? code.asText() : null;
  }

  /** {@code HTTP 422 InvalidParameters: message; param message; ...} from storEDGE's error meta. */
  String errorSummary() {
    JsonNode meta = body.path("meta");
    StringBuilder summary = new StringBuilder("HTTP ").append(status);
    if (errorCode() != null) {
      summary.append(' ').append(errorCode());
    }
    String message = meta.path("error_message").asText(meta.path("status_message").asText(""));
    if (!message.isEmpty()) {
      summary.append(": ").append(message);
    }
    for (JsonNode error : meta.path("errors")) {
      summary.append("; ").append(error.path("param").asText("")).append(' ').append(error.path("message").asText(""));
    }
    return summary.toString();
  }
}
