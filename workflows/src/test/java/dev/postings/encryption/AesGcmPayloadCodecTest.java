package dev.postings.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final String KEY_2024 = newKey();
  private static final String KEY_2025 = newKey();
  private static final String REFERENCE = "CHK20240115001";

  static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static AesGcmPayloadCodec codec(String currentKeyId, Map<String, String> keys) {
    return new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings(currentKeyId, keys)));
  }

  private static Payload json(String value) {
    return DefaultDataConverter.newDefaultInstance().toPayload(value).orElseThrow();
  }

  private static String meta(Payload payload, String key) {
    return payload.getMetadataOrDefault(key, ByteString.EMPTY).toStringUtf8();
  }

  @Test
  void sealsTheWholePayloadUnderTheCurrentKeyIdAndOpensItAgain() {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    Payload clear = json("reference " + REFERENCE);

    Payload sealed = codec.encode(List.of(clear)).get(0);

    assertThat(meta(sealed, "encoding")).isEqualTo("binary/encrypted");
    assertThat(meta(sealed, "encryption-key-id")).isEqualTo("k2024");
    assertThat(sealed.getMetadataCount()).isEqualTo(2); // json/plain is inside the sealed bytes
    assertThat(sealed.toByteString().toStringUtf8()).doesNotContain(REFERENCE).doesNotContain("json/plain");
    assertThat(codec.decode(List.of(sealed))).containsExactly(clear);
  }

  @Test
  void everyPayloadGetsItsOwnNonce() {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    Payload clear = json(REFERENCE);

    List<Payload> sealed = codec.encode(List.of(clear, clear));

    assertThat(sealed.get(0).getData()).isNotEqualTo(sealed.get(1).getData());
    assertThat(sealed.get(0).getData().substring(0, 12)).isNotEqualTo(sealed.get(1).getData().substring(0, 12));
    assertThat(codec.decode(sealed)).containsExactly(clear, clear);
  }

  @Test
  void aPayloadSealedBeforeARotationStillOpensWithTheOldKeyId() {
    Payload clear = json(REFERENCE);
    Payload sealedIn2024 = codec("k2024", Map.of("k2024", KEY_2024)).encode(List.of(clear)).get(0);

    AesGcmPayloadCodec rotated = codec("k2025", Map.of("k2024", KEY_2024, "k2025", KEY_2025));
    Payload sealedIn2025 = rotated.encode(List.of(clear)).get(0);

    assertThat(rotated.decode(List.of(sealedIn2024))).containsExactly(clear);
    assertThat(meta(sealedIn2025, "encryption-key-id")).isEqualTo("k2025");
    assertThat(rotated.decode(List.of(sealedIn2025))).containsExactly(clear);
  }

  @Test
  void aMissingKeyIsNamedByItsIdAndNeverGuessed() {
    Payload sealedIn2024 = codec("k2024", Map.of("k2024", KEY_2024)).encode(List.of(json(REFERENCE))).get(0);
    AesGcmPayloadCodec retiredTooEarly = codec("k2025", Map.of("k2025", KEY_2025));

    assertThatThrownBy(() -> retiredTooEarly.decode(List.of(sealedIn2024)))
        .isInstanceOf(UnknownEncryptionKey.class)
        .hasMessageContaining("key id 'k2024'")
        .hasMessageContaining("postings.encryption.keys")
        .satisfies(e -> assertThat(((UnknownEncryptionKey) e).keyId()).isEqualTo("k2024"));
  }

  @Test
  void tamperedCiphertextFailsAuthentication() {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    Payload sealed = codec.encode(List.of(json(REFERENCE))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[20] ^= 0x01;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id 'k2024'")
        .hasMessageContaining("failed authentication");
  }

  @Test
  void aFailedOpeningLeavesTheThreadsCipherFitForTheNextPayload() {
    // the codec keeps one Cipher per thread: a failure must not carry into the next payload, nor a key into another
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    AesGcmPayloadCodec other = codec("k2025", Map.of("k2025", KEY_2025));
    Payload sealed = codec.encode(List.of(json(REFERENCE))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[20] ^= 0x01;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered))).isInstanceOf(PayloadCodecException.class);
    assertThat(codec.decode(List.of(sealed))).containsExactly(json(REFERENCE));
    Payload sealedByOther = other.encode(List.of(json("other"))).get(0);
    assertThat(other.decode(List.of(sealedByOther))).containsExactly(json("other"));
    assertThat(codec.decode(List.of(sealed))).containsExactly(json(REFERENCE));
  }

  @Test
  void threadsSealAndOpenAtTheSameTimeWithoutMixingTheirPayloads() throws Exception {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> rounds = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String value = "payload of thread " + t;
        rounds.add(threads.submit(() -> {
          for (int i = 0; i < 500; i++) {
            Payload clear = json(value + " #" + i);
            if (!codec.decode(codec.encode(List.of(clear))).equals(List.of(clear))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> round : rounds) {
        assertThat(round.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void relabellingAPayloadWithAnotherKeyIdFailsAuthentication() {
    // same key material under two ids: only the key id (GCM associated data) differs
    AesGcmPayloadCodec codec = codec("a", Map.of("a", KEY_2024, "b", KEY_2024));
    Payload sealed = codec.encode(List.of(json(REFERENCE))).get(0);
    Payload relabelled = sealed.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("b")).build();

    assertThatThrownBy(() -> codec.decode(List.of(relabelled))).hasMessageContaining("failed authentication");
  }

  @Test
  void aTruncatedPayloadIsRefused() {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    Payload sealed = codec.encode(List.of(json(REFERENCE))).get(0);
    Payload truncated = sealed.toBuilder().setData(sealed.getData().substring(0, 10)).build();

    assertThatThrownBy(() -> codec.decode(List.of(truncated))).hasMessageContaining("truncated");
  }

  @Test
  void payloadsThatAreNotEncryptedPassThroughUnchanged() {
    AesGcmPayloadCodec codec = codec("k2024", Map.of("k2024", KEY_2024));
    Payload plainJson = json(REFERENCE);
    Payload nullPayload = DefaultDataConverter.newDefaultInstance().toPayload(null).orElseThrow();
    Payload noMetadata = Payload.newBuilder().setData(ByteString.copyFromUtf8("raw")).build();

    assertThat(codec.decode(List.of(plainJson, nullPayload, noMetadata)))
        .containsExactly(plainJson, nullPayload, noMetadata);
  }

  @Test
  void theDataConverterSealsValuesAndFailureMessages() {
    DataConverter converter = PayloadEncryption.dataConverter(
        EncryptionKeys.of(new EncryptionSettings("k2024", Map.of("k2024", KEY_2024))));

    Payload sealed = converter.toPayload(Map.of("referenceNumber", REFERENCE)).orElseThrow();
    assertThat(sealed.toByteString().toStringUtf8()).doesNotContain(REFERENCE);
    assertThat(converter.fromPayload(sealed, Map.class, Map.class)).containsEntry("referenceNumber", REFERENCE);

    Failure failure = converter.exceptionToFailure(
        ApplicationFailure.newNonRetryableFailure("reference " + REFERENCE + " refused", "REJECTED"));
    assertThat(failure.toByteString().toStringUtf8()).doesNotContain(REFERENCE);
    assertThat(converter.failureToException(failure)).hasMessageContaining("reference " + REFERENCE + " refused");
  }
}
