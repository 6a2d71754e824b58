package dev.postings.starter.api;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.postings.starter.bodylimit.BodyTooLarge;
import dev.postings.starter.errors.ErrorResponse;
import io.grpc.Status;
import dev.postings.registry.RegistryUnavailable;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures the API did not foresee: answered in the same {@code {errors:[...]}} shape, with a reference to the log line
 * and never a stack trace. Temporal being unreachable is a 503: the caller may retry the same request safely, since
 * starts are idempotent.
 */
@RestControllerAdvice
public class ApiFailures {

  private static final Logger log = LoggerFactory.getLogger(ApiFailures.class);

  /** A body in a format the endpoint does not read (for postings: anything but JSON), or no content type at all. */
  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorResponse> unsupportedMediaType(HttpMediaTypeNotSupportedException unsupported) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ErrorResponse.of("Content-Type",
        "must be " + unsupported.getSupportedMediaTypes().stream().map(Object::toString)
            .collect(Collectors.joining(" or "))));
  }

  /**
   * A body Jackson could not bind (the operators' actions): malformed JSON, or a value of the wrong type, named by its
   * path when Jackson knows it. Jackson's own message is not passed on: it quotes the input, the caller's data. (Was a
   * 500 "internal error", found by BadInputEndToEndTest.)
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorResponse> unreadableBody(HttpMessageNotReadableException unreadable) {
    // the body went past its route's limit while Spring read it (a chunked body, without a Content-Length)
    BodyTooLarge tooLarge = BodyTooLarge.in(unreadable);
    if (tooLarge != null) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.answer());
    }
    // A value cut short is reported on its field, but the body is not JSON: say that (a parse error anywhere below)
    boolean malformed = false;
    for (Throwable cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
      malformed |= cause instanceof StreamReadException;
    }
    if (!malformed && unreadable.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
              : String.valueOf(reference.getIndex()))
          .collect(Collectors.joining("."));
      return ResponseEntity.badRequest().body(ErrorResponse.of(field, "has the wrong type"));
    }
    return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is not valid JSON"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorResponse> methodNotAllowed(HttpRequestMethodNotSupportedException notAllowed) {
    Set<HttpMethod> allowed = notAllowed.getSupportedHttpMethods();
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .allow(allowed == null ? new HttpMethod[0] : allowed.toArray(HttpMethod[]::new))
        .body(ErrorResponse.of("method", "must be one of " + (allowed == null ? "[]" : allowed.stream()
            .map(HttpMethod::name).sorted().collect(Collectors.joining(", ", "[", "]")))));
  }

  /** No route (for a caller the security rules let through: an operator on /api): our JSON, not the error page's. */
  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ErrorResponse> noRoute(Exception noRoute) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.withoutFields("not_found",
        "no such route: see /v3/api-docs for the API"));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ErrorResponse> unexpected(RuntimeException failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    if (isUnavailable(failure)) {
      log.warn("[{}] Temporal or the registry is unavailable: {}", reference, failure.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ErrorResponse.of("unavailable", "-",
          "the workflow service is unavailable; retry the same request later (reference " + reference + ")"));
    }
    log.error("[{}] unexpected failure", reference, failure);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ErrorResponse.of("internal", "-", "internal error (reference " + reference + ")"));
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnavailable) {
        return true; // the registry's database: a registration is one statement, safe to send again
      }
      if (cause instanceof StatusRuntimeException rpc
          && (rpc.getStatus().getCode() == Status.Code.UNAVAILABLE
              || rpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        return true;
      }
    }
    return false;
  }
}
