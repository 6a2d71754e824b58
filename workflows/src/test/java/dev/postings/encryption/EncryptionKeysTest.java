package dev.postings.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionKeysTest {

  private static final String KEY = AesGcmPayloadCodecTest.newKey();

  @Test
  void noConfigurationAtAllSaysWhatToSet() {
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings(null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payload encryption is not configured")
        .hasMessageContaining("postings.encryption.current-key-id")
        .hasMessageContaining("local profile");
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("  ", Map.of("k1", KEY))))
        .hasMessageContaining("not configured");
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("k1", Map.of())))
        .hasMessageContaining("postings.encryption.keys is empty");
  }

  @Test
  void aCurrentKeyIdWithoutAKeyIsRefused() {
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("k2", Map.of("k1", KEY))))
        .hasMessageContaining("current-key-id is 'k2'")
        .hasMessageContaining("[k1]");
  }

  @Test
  void aBadKeyIsNamedByItsIdAndNeverQuoted() {
    String notBase64 = "s3cr3t!!not*base64";
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("k1", Map.of("k1", notBase64))))
        .hasMessageContaining("postings.encryption.keys.k1 is not valid base64")
        .hasMessageNotContaining(notBase64)
        .hasMessageNotContaining("*");
    String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("k1", Map.of("k1", tooShort))))
        .hasMessageContaining("postings.encryption.keys.k1 must be 32 bytes")
        .hasMessageContaining("was 16 bytes")
        .hasMessageNotContaining(tooShort);
    assertThatThrownBy(() -> EncryptionKeys.of(new EncryptionSettings("k 1", Map.of("k 1", KEY))))
        .hasMessageContaining("key id 'k 1'");
  }

  @Test
  void textFormsShowKeyIdsOnly() {
    EncryptionSettings settings = new EncryptionSettings("k2", Map.of("k1", KEY, "k2", KEY));
    EncryptionKeys keys = EncryptionKeys.of(settings);

    assertThat(settings.toString()).isEqualTo("EncryptionSettings[currentKeyId=k2, keys=[k1, k2]]");
    assertThat(keys.toString()).isEqualTo("EncryptionKeys[current=k2, ids=[k1, k2]]").doesNotContain(KEY);
    assertThat(keys.currentKeyId()).isEqualTo("k2");
  }

  @Test
  void theLocalDevelopmentKeyIsRecognisedWhateverItsId() {
    assertThat(EncryptionKeys.of(new EncryptionSettings("k1", Map.of("k1", KEY))).usesLocalDevelopmentKey())
        .isFalse();
    assertThat(EncryptionKeys.of(new EncryptionSettings("k1",
        Map.of("k1", KEY, "renamed", EncryptionKeys.LOCAL_DEVELOPMENT_KEY))).usesLocalDevelopmentKey()).isTrue();
  }
}
