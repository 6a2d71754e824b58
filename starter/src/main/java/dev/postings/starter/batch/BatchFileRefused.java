package dev.postings.starter.batch;

/**
 * The file as a whole cannot be read as a batch (a header naming an unknown column, more rows than allowed, CSV that
 * does not parse): nothing is stored, the answer is a 400 naming {@code field}.
 */
final class BatchFileRefused extends RuntimeException {

  private final String field;

  BatchFileRefused(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
