package dev.postings.sandbox.acquaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * ASP.NET Web API's default error bodies (docs/providers/acquaint.md#errors): {@code {Message}} and
 * {@code {Message, ModelState}}.
 */
final class AcquaintError {

  static final String INTERNAL = "An error has occurred.";

  private AcquaintError() {}

  static ResponseEntity<Object> message(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(body(message));
  }

  static Map<String, Object> body(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Message", message);
    return body;
  }

  static ResponseEntity<Object> invalid(Map<String, List<String>> modelState) {
    Map<String, Object> body = body("The request is invalid.");
    body.put("ModelState", modelState);
    return ResponseEntity.badRequest().body(body);
  }
}
