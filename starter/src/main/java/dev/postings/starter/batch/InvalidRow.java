package dev.postings.starter.batch;

import dev.postings.model.FieldError;
import java.util.List;

/** A row of a batch file that is not a valid posting request: its line, its posting id when it has one, and why. */
public record InvalidRow(int line, String postingId, List<FieldError> errors) {}
