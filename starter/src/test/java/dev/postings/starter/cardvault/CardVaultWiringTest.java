package dev.postings.starter.cardvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CardVaultWiringTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(CardVaultWiring.class);

  @Test
  void withoutASecretTheStarterDoesNotStart() {
    context.run(started -> assertThat(started).hasFailed()
        .getFailure().rootCause().hasMessageContaining("postings.card-vault.secret is not configured")
        .hasMessageContaining("CARD_VAULT_SECRET"));
    context.withPropertyValues("postings.card-vault.secret=")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("postings.card-vault.secret is not configured"));
  }

  @Test
  void aShortSecretIsRefusedWithoutBeingQuoted() {
    context.withPropertyValues("postings.card-vault.secret=tooShort123")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("at least 16 characters")
            .hasMessageNotContaining("tooShort123"));
  }

  @Test
  void theTtlDefaultsToFifteenMinutesAndTheSecretIsNeverPrinted() {
    context.withPropertyValues("postings.card-vault.secret=a-long-enough-secret")
        .run(started -> {
          assertThat(started).hasNotFailed().hasSingleBean(SealedCardStore.class);
          CardVaultSettings settings = started.getBean(CardVaultSettings.class);
          assertThat(settings.ttl()).isEqualTo(Duration.ofMinutes(15));
          assertThat(settings.toString()).doesNotContain("a-long-enough-secret");
        });
    context.withPropertyValues("postings.card-vault.secret=a-long-enough-secret", "postings.card-vault.ttl=2m")
        .run(started -> assertThat(started.getBean(CardVaultSettings.class).ttl()).isEqualTo(Duration.ofMinutes(2)));
  }
}
