package dev.postings.callback;

import java.time.Duration;

/**
 * {@code postings.callback.*} on the worker.
 *
 * @param secret the HMAC-SHA256 key of {@code Postings-Signature} (shared with the receiving services; at least 16
 *     characters). Without it the worker does not start: an unsigned callback could be forged by anyone.
 * @param connectTimeout how long to wait for the receiver's connection
 */
public record CallbackSettings(String secret, Duration connectTimeout) {

  static final int MIN_SECRET_LENGTH = 16;

  public CallbackSettings {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException("postings.callback.secret (POSTINGS_CALLBACK_SECRET) must be set, at least "
          + MIN_SECRET_LENGTH + " characters: completion callbacks are signed with it");
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
  }

  @Override
  public String toString() {
    return "CallbackSettings[connectTimeout=" + connectTimeout + "]";
  }
}
