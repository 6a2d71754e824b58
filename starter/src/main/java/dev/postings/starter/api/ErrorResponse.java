package dev.postings.starter.api;

import dev.postings.model.FieldError;
import java.util.List;

/** Every 4xx answer: the fields at fault and why. */
public record ErrorResponse(List<FieldError> errors) {

  public static ErrorResponse of(String field, String message) {
    return new ErrorResponse(List.of(new FieldError(field, message)));
  }
}
