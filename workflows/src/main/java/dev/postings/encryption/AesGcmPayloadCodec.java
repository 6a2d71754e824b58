package dev.postings.encryption;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals every payload Temporal stores (workflow inputs and results, activity arguments, queries, memos, and with
 * {@code CodecDataConverter(..., true)} failure messages) with AES-256-GCM: the whole serialized {@link Payload},
 * metadata included, so not even the original encoding is visible. The sealed payload says
 * {@code encoding=binary/encrypted} and names its {@code encryption-key-id}; decoding picks the key by that id, so
 * payloads sealed before a key rotation still open. The key id is also the GCM associated data: relabelling a payload
 * with another id makes it fail authentication. Payloads not marked encrypted (histories recorded before encryption)
 * pass through unchanged.
 *
 * <p>Data layout: 12-byte random nonce, then the ciphertext with its 16-byte tag
 * (docs/temporal-server.md#payload-encryption-works-on-any-server).
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID_METADATA = "encryption-key-id";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final EncryptionKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::seal).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::open).toList();
  }

  private Payload seal(Payload payload) {
    String keyId = keys.currentKeyId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.currentKey(), nonce, keyId);
      byte[] plain = payload.toByteArray();
      sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key id '" + keyId + "': " + e.getClass().getName());
    }
    return Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID_METADATA, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(sealed))
        .build();
  }

  private Payload open(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY))) {
      return payload;
    }
    ByteString keyIdBytes = payload.getMetadataOrDefault(KEY_ID_METADATA, null);
    if (keyIdBytes == null) {
      throw new PayloadCodecException("encrypted payload without " + KEY_ID_METADATA + " metadata: cannot choose a key");
    }
    String keyId = keyIdBytes.toStringUtf8();
    SecretKey key = keys.key(keyId).orElseThrow(() -> new UnknownEncryptionKey(keyId));
    byte[] sealed = payload.getData().toByteArray();
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("encrypted payload (key id '" + keyId + "') is truncated");
    }
    byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
    byte[] plain;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, key, nonce, keyId).doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException tampered) {
      throw new PayloadCodecException("encrypted payload (key id '" + keyId + "') failed authentication: it was"
          + " altered, or sealed by another key under the same id");
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot decrypt a payload with key id '" + keyId + "': " + e.getClass().getName());
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload (key id '" + keyId + "') is not a Temporal payload");
    }
  }

  /**
   * One Cipher per thread, initialised again for every payload with its own key and nonce. Cipher.getInstance's
   * provider lookup on every payload was a visible share of the worker's and the client's CPU (JFR under the bench),
   * and a Cipher is not thread-safe.
   */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException unavailable) {
      throw new IllegalStateException(TRANSFORMATION + " is not available in this JVM", unavailable);
    }
  });

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId) throws GeneralSecurityException {
    Cipher cipher = CIPHERS.get();
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
