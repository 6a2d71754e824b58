package dev.postings.sandbox.propexo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Propexo's error body: {@code {"error":{"code","message","details"}}} (openapi excerpt, errorResponse). */
final class PropexoError {

  private PropexoError() {}

  static ResponseEntity<Map<String, Object>> of(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(body(code, message, null));
  }

  static ResponseEntity<Map<String, Object>> invalidRequest(List<Map<String, Object>> issues) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("issues", issues);
    details.put("name", "ZodError");
    return ResponseEntity.badRequest().body(body("invalid_request", "invalid request", details));
  }

  static Map<String, Object> body(String code, String message, Map<String, Object> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (details != null) {
      error.put("details", details);
    }
    return Map.of("error", error);
  }
}
