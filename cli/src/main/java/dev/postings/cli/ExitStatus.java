package dev.postings.cli;

/**
 * What the CLI's exit code means, so scripts can branch on it without parsing text. Documented in {@code --help} and
 * docs/scenarios.md#operators-with-the-cli-and-the-web-console ({@link PostingsCli}'s exit code list says the same);
 * each maps from the API's answer.
 */
public enum ExitStatus {
  /** Done. */
  OK(0),
  /** Refused by the posting's state (HTTP 409): nothing changed. */
  REFUSED(1),
  /** Usage error or bad input (HTTP 400). */
  USAGE(2),
  /** No such posting (HTTP 404). */
  NOT_FOUND(3),
  /** No API key, or the key was refused (HTTP 401/403). */
  AUTH(4),
  /** The API failed (5xx) or could not be reached. */
  SERVER(5);

  final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The exit status for an HTTP answer. */
  static ExitStatus forHttpStatus(int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    return switch (status) {
      case 409 -> REFUSED;
      case 400, 413, 422 -> USAGE;
      case 404 -> NOT_FOUND;
      case 401, 403 -> AUTH;
      default -> SERVER;
    };
  }
}
