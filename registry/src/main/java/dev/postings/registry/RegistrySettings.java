package dev.postings.registry;

import dev.postings.encryption.EncryptionSettings;
import java.util.Objects;

/**
 * {@code postings.registry.*} and the key ring the registry seals with.
 *
 * @param referenceHashKey base64 of at least 32 random bytes: the HMAC-SHA256 key of the reference's search hash (and,
 *     under a label of its own, of the list cursors). It cannot be rotated by configuration alone: every stored hash
 *     was made with it, so a new key means rehashing every row (opening each sealed reference) in a migration
 * @param sealing the payload key ring ({@code postings.encryption.*}): new references are sealed with its current key,
 *     and any key still configured opens the references sealed before a rotation
 */
public record RegistrySettings(String referenceHashKey, EncryptionSettings sealing) {

  /**
   * The published hash key of local mode, like the payload ring's local development key: anyone with this repository
   * can test a guessed reference against a local registry. Never configure it outside local mode.
   */
  public static final String LOCAL_DEVELOPMENT_HASH_KEY = "5kq1dWjv0cN0m2a8kRtqg3x9yGVYp2s4bXQ0fJ7nT1E=";

  public RegistrySettings {
    Objects.requireNonNull(sealing, "sealing");
  }

  /** The hash key only as "configured" or not: a key never reaches a log line. */
  @Override
  public String toString() {
    return "RegistrySettings[referenceHashKey=" + (referenceHashKey == null ? "absent" : "configured")
        + ", sealing=" + sealing + "]";
  }
}
