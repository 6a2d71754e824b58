package dev.postings.starter.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every 4xx/5xx answer: a short machine-readable {@code error} ("invalid", "unauthorized", "forbidden", "not_found",
 * "refused", ...), a sentence for people, and for input errors the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, List<FieldError> errors) {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Answers with this body where no controller does (the security filters, the body limit, the firewall): the same
   * JSON a controller would send.
   */
  public void writeTo(HttpServletResponse response, int status) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    JSON.writeValue(response.getOutputStream(), this);
  }

  /** This body as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }
}
