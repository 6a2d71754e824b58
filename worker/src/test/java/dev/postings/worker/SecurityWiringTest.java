package dev.postings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardVault;
import dev.postings.cardvault.HttpCardVault;
import dev.postings.encryption.EncryptionKeys;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The worker's payload encryption and card vault beans, and how they refuse to start half-configured. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityWiringTest {

  private static final String[] LOCAL = {
      "postings.encryption.current-key-id=local-dev",
      "postings.encryption.keys.local-dev=" + EncryptionKeys.LOCAL_DEVELOPMENT_KEY,
      "postings.card-vault.base-url=http://127.0.0.1:8080",
      "postings.card-vault.secret=local-card-vault-secret"};

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withBean(ObjectMapper.class)
      .withUserConfiguration(PayloadEncryptionWiring.class, CardVaultWiring.class);

  @Test
  void withoutEncryptionKeysTheWorkerDoesNotStart() {
    context.withPropertyValues(LOCAL[2], LOCAL[3])
        .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageContaining("payload encryption is not configured"));
  }

  @Test
  void withoutACardVaultTheWorkerDoesNotStart() {
    context.withPropertyValues(LOCAL[0], LOCAL[1])
        .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageContaining("postings.card-vault.base-url is not configured"));
    context.withPropertyValues(LOCAL[0], LOCAL[1], LOCAL[2])
        .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageContaining("postings.card-vault.secret is not configured"));
  }

  @Test
  void outsideTheLocalProfileTheCardVaultMustBeHttps() {
    context.withPropertyValues(LOCAL)
        .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("postings.card-vault.base-url (CARD_VAULT_URL) must be an https URL outside the"
                + " local profile"));
    context.withPropertyValues(LOCAL).withPropertyValues("postings.card-vault.base-url=https://starter.internal:8443")
        .run(started -> assertThat(started).hasNotFailed().hasSingleBean(CardVault.class));
  }

  @Test
  void localSettingsGiveTheEncryptingConverterWithAWarningAndTheHttpVault(CapturedOutput output) {
    context.withPropertyValues(LOCAL).withPropertyValues("spring.profiles.active=local").run(started -> {
      assertThat(started).hasNotFailed().hasBean("mainDataConverter");
      assertThat(started.getBean(DataConverter.class)).isInstanceOf(CodecDataConverter.class);
      assertThat(started.getBean(CardVault.class)).isInstanceOf(HttpCardVault.class);
    });
    assertThat(output.getAll()).contains("using the local development encryption key")
        .doesNotContain(EncryptionKeys.LOCAL_DEVELOPMENT_KEY).doesNotContain("local-card-vault-secret");
  }
}
