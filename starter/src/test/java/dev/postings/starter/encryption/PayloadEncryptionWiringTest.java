package dev.postings.starter.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.encryption.EncryptionKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class PayloadEncryptionWiringTest {

  private static final String KEY = newKey();

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(PayloadEncryptionWiring.class);

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @Test
  void withoutKeysTheStarterDoesNotStart() {
    context.run(started -> assertThat(started).hasFailed().getFailure().rootCause()
        .hasMessageContaining("payload encryption is not configured")
        .hasMessageContaining("ENCRYPTION_KEY_ID"));
    context.withPropertyValues("postings.encryption.current-key-id=k2025")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("postings.encryption.keys is empty"));
  }

  @Test
  void configuredKeysMakeTheOneEncryptingDataConverter(CapturedOutput output) {
    context.withPropertyValues("postings.encryption.current-key-id=k2025", "postings.encryption.keys.k2025=" + KEY)
        .run(started -> {
          assertThat(started).hasNotFailed().hasSingleBean(DataConverter.class).hasBean("mainDataConverter");
          DataConverter converter = started.getBean(DataConverter.class);
          assertThat(converter).isInstanceOf(CodecDataConverter.class);
          Payload payload = converter.toPayload("CHK20240115001").orElseThrow();
          assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k2025");
        });
    assertThat(output.getAll()).contains("key id 'k2025'").doesNotContain(KEY).doesNotContain("WARN");
  }

  @Test
  void keysComeFromTheEnvironmentOneVariablePerKeyId() {
    Map<String, Object> variables = Map.of("ENCRYPTION_KEY_ID", "k2025",
        "POSTINGS_ENCRYPTION_KEYS_K2025", KEY, "POSTINGS_ENCRYPTION_KEYS_K2024", newKey());
    context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
        .withPropertyValues("postings.encryption.current-key-id=${ENCRYPTION_KEY_ID:}")
        .run(started -> {
          assertThat(started).hasNotFailed();
          Payload payload = started.getBean(DataConverter.class).toPayload("x").orElseThrow();
          assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k2025");
        });
  }

  @Test
  void theLocalDevelopmentKeyIsAnnouncedWithAWarning(CapturedOutput output) {
    context.withPropertyValues("postings.encryption.current-key-id=local-dev",
            "postings.encryption.keys.local-dev=" + EncryptionKeys.LOCAL_DEVELOPMENT_KEY)
        .run(started -> assertThat(started).hasNotFailed());
    assertThat(output.getAll()).contains("WARN").contains("using the local development encryption key")
        .contains("never in production").doesNotContain(EncryptionKeys.LOCAL_DEVELOPMENT_KEY);
  }
}
