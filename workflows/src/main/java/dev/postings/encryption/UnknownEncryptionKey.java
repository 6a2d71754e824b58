package dev.postings.encryption;

import io.temporal.payload.codec.PayloadCodecException;

/**
 * A payload was sealed under a key id this process has no key for: a key was retired too early, or the worker and the
 * starter were given different keys. The workflow task fails (and retries) instead of reading garbage.
 */
public class UnknownEncryptionKey extends PayloadCodecException {

  private final String keyId;

  public UnknownEncryptionKey(String keyId) {
    super("payload is encrypted with key id '" + keyId + "', which is not configured here: add it to"
        + " postings.encryption.keys (keep retired keys until no history sealed with them can be read)");
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }
}
