package dev.postings.encryption;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code postings.encryption.*}, as configured: which key seals new payloads, and every key that may still have to open
 * payloads sealed earlier. The worker and every Temporal client (the starter) must be given the same keys.
 *
 * @param currentKeyId the id written into every new payload ({@code encryption-key-id})
 * @param keys key id to the base64 of a 32-byte AES key; keep a retired key here for as long as any history sealed with
 *     it can still be read (the namespace's retention)
 */
public record EncryptionSettings(String currentKeyId, Map<String, String> keys) {

  public EncryptionSettings {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  /** Ids only: a key never reaches a log line, not even through a stray {@code toString}. */
  @Override
  public String toString() {
    return "EncryptionSettings[currentKeyId=" + currentKeyId + ", keys=" + new TreeMap<>(keys).keySet() + "]";
  }
}
