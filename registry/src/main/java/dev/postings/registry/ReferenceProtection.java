package dev.postings.registry;

import dev.postings.encryption.EncryptionKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the registry keeps of a reference: a keyed hash to find it by (HMAC-SHA256, so a guessed reference cannot be
 * tested against a stolen table without the key) and an AES-256-GCM seal to show it. The seal's associated data is the
 * key id and the posting id, so a sealed reference copied onto another row, or relabelled with another key id, fails to
 * open. Layout: 12-byte random nonce, then ciphertext and 16-byte tag, as the payload codec does.
 */
final class ReferenceProtection {

  private static final int MIN_HASH_KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] CURSOR_LABEL = "registry list cursor v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec hashKey;
  private final SecretKeySpec cursorKey;
  private final String currentKeyId;
  private final Map<String, SecretKey> sealingKeys;
  private final SecureRandom random = new SecureRandom();

  private ReferenceProtection(byte[] hashKey, String currentKeyId, Map<String, SecretKey> sealingKeys) {
    this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    // a key of its own for cursors, derived under a label: a cursor's MAC can never be taken for a reference's hash
    this.cursorKey = new SecretKeySpec(hmac(this.hashKey, CURSOR_LABEL), "HmacSHA256");
    this.currentKeyId = currentKeyId;
    this.sealingKeys = sealingKeys;
  }

  /** @throws IllegalStateException naming the setting at fault, never a key */
  static ReferenceProtection of(RegistrySettings settings) {
    // the payload ring's own checks (ids, base64, 32 bytes, a current key): one set of rules and messages for both
    EncryptionKeys ring = EncryptionKeys.of(settings.sealing());
    Map<String, SecretKey> keys = new HashMap<>();
    settings.sealing().keys().forEach((id, base64) ->
        keys.put(id, new SecretKeySpec(Base64.getDecoder().decode(base64.trim()), "AES")));
    return new ReferenceProtection(hashKey(settings.referenceHashKey()), ring.currentKeyId(), Map.copyOf(keys));
  }

  private static byte[] hashKey(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalStateException("postings.registry.reference-hash-key is not set: base64 of at least "
          + MIN_HASH_KEY_BYTES + " random bytes (environment POSTINGS_REGISTRY_REFERENCE_HASH_KEY)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalStateException("postings.registry.reference-hash-key is not valid base64");
    }
    if (key.length < MIN_HASH_KEY_BYTES) {
      throw new IllegalStateException("postings.registry.reference-hash-key must be at least " + MIN_HASH_KEY_BYTES
          + " bytes in base64, was " + key.length + " bytes");
    }
    return key;
  }

  /** The search hash of a reference, exactly as given (no trimming or case folding: the search is exact). */
  byte[] hash(String reference) {
    return hmac(hashKey, reference.getBytes(StandardCharsets.UTF_8));
  }

  /** The tag that makes a list cursor tamper-evident. */
  byte[] cursorTag(byte[] content) {
    return hmac(cursorKey, content);
  }

  record Sealed(String keyId, byte[] bytes) {}

  Sealed seal(String postingId, String reference) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, sealingKeys.get(currentKeyId), nonce, currentKeyId, postingId);
      byte[] plain = reference.getBytes(StandardCharsets.UTF_8);
      byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
      return new Sealed(currentKeyId, sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a reference with key id '" + currentKeyId + "': "
          + e.getClass().getName());
    }
  }

  /** @throws IllegalStateException when the key id is not configured or the seal fails authentication */
  String open(String postingId, String keyId, byte[] sealed) {
    SecretKey key = sealingKeys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("the reference of posting " + postingId + " is sealed with key id '" + keyId
          + "', which is not configured: keep retired keys in postings.encryption.keys while rows sealed with them"
          + " remain");
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("the sealed reference of posting " + postingId + " is truncated");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), keyId, postingId);
      return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException tampered) {
      throw new IllegalStateException("the sealed reference of posting " + postingId + " failed authentication: it was"
          + " altered, copied from another row, or sealed by another key under the same id");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the reference of posting " + postingId + ": "
          + e.getClass().getName());
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, String postingId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD((keyId + "\n" + postingId).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  static boolean sameBytes(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
