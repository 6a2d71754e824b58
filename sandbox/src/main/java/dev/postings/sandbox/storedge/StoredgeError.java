package dev.postings.sandbox.storedge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * storEDGE's error shape (docs/providers/storedge.md#errors): {@code
 * {"meta":{"status_code","status_message","error_code",...}}}. Messages name fields, never their values: a card number
 * must not come back in an error.
 */
final class StoredgeError {

  private StoredgeError() {}

  static ResponseEntity<Map<String, Object>> of(HttpStatus status, String errorCode, String message) {
    return of(status, errorCode, message, null);
  }

  static ResponseEntity<Map<String, Object>> of(HttpStatus status, String errorCode, String message,
      List<Map<String, String>> errors) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(body(status, errorCode, message, errors));
  }

  static Map<String, Object> body(HttpStatus status, String errorCode, String message,
      List<Map<String, String>> errors) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("status_code", status.value());
    meta.put("status_message", status.getReasonPhrase());
    meta.put("error_code", errorCode);
    meta.put("error_message", message);
    if (errors != null && !errors.isEmpty()) {
      meta.put("errors", errors);
    }
    meta.put("request_id", UUID.randomUUID().toString());
    return Map.of("meta", meta);
  }

  static Map<String, String> param(String param, String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("param", param);
    error.put("message", message);
    return error;
  }
}
