package dev.postings.client;

import java.util.List;

/** An error answer: a code, a sentence, and for a refused request each field's error with its JSON path. */
public record ApiError(String error, String message, List<FieldError> errors) {

  public ApiError {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public record FieldError(String field, String message) {}
}
