package dev.postings.connections;

import dev.postings.encryption.EncryptionKeys;
import dev.postings.registry.RegistrySettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
 * Seals a connection's credentials with the payload key ring ({@code postings.encryption.*}): AES-256-GCM, a 12-byte
 * random nonce, then ciphertext and 16-byte tag, as the payload codec and the registry's references do. The associated
 * data is a label, the key id and the connection id, so that a seal copied onto another connection, relabelled with
 * another key id, or taken for a sealed reference does not open. Rotation as for payloads: new seals use the current
 * key, any key still configured opens the seals made before.
 *
 * <p>Also names a credential's rate-limit budget by an HMAC under a key derived from the registry's hash key
 * ({@code postings.registry.reference-hash-key}) under a label of its own: stable across rotations of the key ring,
 * and no credential reaches the rate-limit table.
 */
final class CredentialSeal {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String LABEL = "connection credentials v1";
  private static final byte[] BUDGET_LABEL = "connection rate budget v1".getBytes(StandardCharsets.UTF_8);

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecretKeySpec budgetKey;
  private final SecureRandom random = new SecureRandom();

  CredentialSeal(RegistrySettings settings) {
    EncryptionKeys ring = EncryptionKeys.of(settings.sealing());
    Map<String, SecretKey> opened = new HashMap<>();
    settings.sealing().keys().forEach((id, base64) ->
        opened.put(id, new SecretKeySpec(Base64.getDecoder().decode(base64.trim()), "AES")));
    this.currentKeyId = ring.currentKeyId();
    this.keys = Map.copyOf(opened);
    if (settings.referenceHashKey() == null || settings.referenceHashKey().isBlank()) {
      throw new IllegalStateException("postings.registry.reference-hash-key is not set (environment"
          + " POSTINGS_REGISTRY_REFERENCE_HASH_KEY)");
    }
    byte[] hashKey = Base64.getDecoder().decode(settings.referenceHashKey().trim());
    this.budgetKey = new SecretKeySpec(hmac(new SecretKeySpec(hashKey, "HmacSHA256"), BUDGET_LABEL), "HmacSHA256");
  }

  record Sealed(String keyId, byte[] bytes) {}

  String currentKeyId() {
    return currentKeyId;
  }

  Sealed seal(String connectionId, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, currentKeyId, connectionId);
      byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
      return new Sealed(currentKeyId, sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the credentials of connection " + connectionId + ": "
          + e.getClass().getName());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** @throws IllegalStateException when the key id is not configured or the seal fails authentication */
  byte[] open(String connectionId, String keyId, byte[] sealed) {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException("the credentials of connection " + connectionId + " are sealed with key id '"
          + keyId + "', which is not configured: keep retired keys in postings.encryption.keys, or rotate the"
          + " connection's credentials");
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("the sealed credentials of connection " + connectionId + " are truncated");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), keyId, connectionId);
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException tampered) {
      throw new IllegalStateException("the sealed credentials of connection " + connectionId + " failed"
          + " authentication: altered, copied from another connection, or sealed by another key under the same id");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the credentials of connection " + connectionId + ": "
          + e.getClass().getName());
    }
  }

  /** The rate-limit budget name of a credential: base64url of its keyed hash, 22 characters (128 bits). */
  String budgetOf(String identity) {
    byte[] mac = hmac(budgetKey, identity.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, String connectionId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD((LABEL + "\n" + keyId + "\n" + connectionId).getBytes(StandardCharsets.UTF_8));
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
}
