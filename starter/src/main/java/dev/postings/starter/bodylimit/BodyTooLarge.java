package dev.postings.starter.bodylimit;

import dev.postings.starter.errors.ErrorResponse;
import java.io.IOException;

/** A body went past its route's limit while it was read: the request is refused with 413, and nothing else is read. */
public final class BodyTooLarge extends IOException {

  private final long limitBytes;

  BodyTooLarge(long limitBytes) {
    super("the request body is over its limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  /** The answer: 413 naming the limit. */
  public ErrorResponse answer() {
    return answer(limitBytes);
  }

  static ErrorResponse answer(long limitBytes) {
    return ErrorResponse.of("too_large", "body", "must be at most " + limitBytes + " bytes");
  }

  /** The BodyTooLarge somewhere in the causes of {@code failure}, or null. */
  public static BodyTooLarge in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLarge tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }
}
