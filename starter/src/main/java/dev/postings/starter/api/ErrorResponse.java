package dev.postings.starter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postings.model.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every 4xx/5xx answer: a short machine-readable {@code error} ("invalid", "unauthorized", "forbidden", "not_found",
 * "refused", ...), a sentence for people, and for input errors the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, List<FieldError> errors) {

  /** Input errors, each naming its field. */
  public ErrorResponse(List<FieldError> errors) {
    this("invalid", errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")),
        errors);
  }

  public static ErrorResponse of(String field, String message) {
    return new ErrorResponse(List.of(new FieldError(field, message)));
  }

  public static ErrorResponse of(String error, String field, String message) {
    return new ErrorResponse(error, message, List.of(new FieldError(field, message)));
  }

  /** The posting refused the action in its current state: {@code message} is the posting's own reason. */
  public static ErrorResponse refused(String reason) {
    return of("refused", "state", reason);
  }

  public static ErrorResponse notFound(String postingId) {
    return of("not_found", "postingId", "no posting " + postingId);
  }

  public static ErrorResponse withoutFields(String error, String message) {
    return new ErrorResponse(error, message, null);
  }
}
