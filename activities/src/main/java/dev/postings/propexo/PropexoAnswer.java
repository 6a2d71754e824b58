package dev.postings.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** One HTTP answer from Propexo, its body parsed (a missing or non-JSON body is a MissingNode). */
record PropexoAnswer(int status, HttpHeaders headers, JsonNode body) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Propexo's {@code error.code: error.message}, with Zod issue messages when there are any. */
  String errorSummary() {
    JsonNode error = body.path("error");
    if (error.isMissingNode()) {
      return "HTTP " + status;
    }
    StringBuilder summary = new StringBuilder("HTTP ").append(status).append(' ')
        .append(error.path("code").asText("error")).append(": ").append(error.path("message").asText(""));
    for (JsonNode issue : error.path("details").path("issues")) {
      summary.append("; ").append(issue.path("path").toString()).append(' ').append(issue.path("message").asText());
    }
    return summary.toString();
  }
}
