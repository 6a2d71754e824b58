package dev.postings.acquaint;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Iterator;
import java.util.Map;

/** One HTTP answer from Acquaint, its body parsed (a missing or non-JSON body is a MissingNode). */
record AcquaintAnswer(int status, HttpHeaders headers, JsonNode body) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** ASP.NET's {@code Message}, and every ModelState entry with the field it names. */
  String errorSummary() {
    StringBuilder summary = new StringBuilder("HTTP ").append(status);
    JsonNode message = AcquaintJson.field(body, "Message");
    if (message.isTextual()) {
      summary.append(": ").append(message.asText());
    }
    JsonNode modelState = AcquaintJson.field(body, "ModelState");
    for (Iterator<Map.Entry<String, JsonNode>> fields = modelState.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      summary.append("; ").append(field.getKey()).append(": ");
      if (field.getValue().isArray()) {
        for (int i = 0; i < field.getValue().size(); i++) {
          summary.append(i == 0 ? "" : " ").append(field.getValue().get(i).asText());
        }
      } else {
        summary.append(field.getValue().asText());
      }
    }
    return summary.toString();
  }
}
