package dev.postings.encryption;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The validated key ring of the payload codec. Built once at start-up from {@link EncryptionSettings}; every problem is
 * reported there, naming the setting and the key id, never a key.
 */
public final class EncryptionKeys {

  /** The published key of local mode ({@code *-local.yml}): anyone with this repository can read what it sealed. */
  public static final String LOCAL_DEVELOPMENT_KEY_ID = "local-dev";

  /** Base64 of the local development key. Never configure it outside local mode: start-up says so with a WARN. */
  public static final String LOCAL_DEVELOPMENT_KEY = "vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=";

  static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final String HOW_TO = "set postings.encryption.current-key-id and postings.encryption.keys.<id>"
      + " (base64 of 32 random bytes; environment ENCRYPTION_KEY_ID and POSTINGS_ENCRYPTION_KEYS_<ID>),"
      + " the same in the worker and the starter, or run with the local profile for the development key";

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;

  private EncryptionKeys(String currentKeyId, Map<String, SecretKey> keys) {
    this.currentKeyId = currentKeyId;
    this.keys = keys;
  }

  /**
   * @throws IllegalStateException naming the setting (and key id) at fault: no current key id, no keys, a key that is
   *     not base64 of 32 bytes, or a current key id without a key
   */
  public static EncryptionKeys of(EncryptionSettings settings) {
    if (settings == null || settings.currentKeyId() == null || settings.currentKeyId().isBlank()) {
      throw new IllegalStateException("payload encryption is not configured: " + HOW_TO);
    }
    if (settings.keys().isEmpty()) {
      throw new IllegalStateException("postings.encryption.keys is empty: " + HOW_TO);
    }
    Map<String, SecretKey> keys = new TreeMap<>();
    for (Map.Entry<String, String> entry : settings.keys().entrySet()) {
      String id = entry.getKey();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalStateException("postings.encryption.keys: key id '" + id
            + "' must be 1-64 letters, digits, '_' or '-'");
      }
      keys.put(id, new SecretKeySpec(decode(id, entry.getValue()), "AES"));
    }
    String current = settings.currentKeyId().trim();
    if (!keys.containsKey(current)) {
      throw new IllegalStateException("postings.encryption.current-key-id is '" + current
          + "' but postings.encryption.keys has no key with that id (ids configured: " + keys.keySet() + ")");
    }
    return new EncryptionKeys(current, Map.copyOf(keys));
  }

  private static byte[] decode(String id, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
    } catch (IllegalArgumentException notBase64) {
      // the message would quote the offending character of the key: not passed on
      throw new IllegalStateException("postings.encryption.keys." + id + " is not valid base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException("postings.encryption.keys." + id + " must be " + KEY_BYTES
          + " bytes (AES-256) in base64, was " + key.length + " bytes");
    }
    return key;
  }

  /** The id that seals every new payload. */
  public String currentKeyId() {
    return currentKeyId;
  }

  SecretKey currentKey() {
    return keys.get(currentKeyId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** Whether any configured key is the published local development key, whatever id it was given. */
  public boolean usesLocalDevelopmentKey() {
    byte[] published = Base64.getDecoder().decode(LOCAL_DEVELOPMENT_KEY);
    return keys.values().stream().anyMatch(key -> MessageDigest.isEqual(key.getEncoded(), published));
  }

  /** Ids only. */
  @Override
  public String toString() {
    return "EncryptionKeys[current=" + currentKeyId + ", ids=" + new TreeMap<>(keys).keySet() + "]";
  }
}
