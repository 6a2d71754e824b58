package dev.postings.starter.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures the API did not foresee: answered in the same {@code {errors:[...]}} shape, with a reference to the log line
 * and never a stack trace. Temporal being unreachable is a 503: the caller may retry the same request safely, since
 * starts are idempotent.
 */
@RestControllerAdvice
public class ApiFailures {

  private static final Logger log = LoggerFactory.getLogger(ApiFailures.class);

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ErrorResponse> unexpected(RuntimeException failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    if (isUnavailable(failure)) {
      log.warn("[{}] Temporal is unavailable: {}", reference, failure.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ErrorResponse.of("unavailable", "-",
          "the workflow service is unavailable; retry the same request later (reference " + reference + ")"));
    }
    log.error("[{}] unexpected failure", reference, failure);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ErrorResponse.of("internal", "-", "internal error (reference " + reference + ")"));
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException rpc
          && (rpc.getStatus().getCode() == Status.Code.UNAVAILABLE
              || rpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        return true;
      }
    }
    return false;
  }
}
