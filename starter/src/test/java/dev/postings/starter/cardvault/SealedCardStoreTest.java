package dev.postings.starter.cardvault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.cardvault.CardSecrets;
import dev.postings.starter.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealedCardStoreTest {

  private static final CardSecrets CARD = new CardSecrets("4111111111111111", "737", null);
  private static final CardSecrets ACH = new CardSecrets(null, null, "000123456789");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final SealedCardStore store = new SealedCardStore(clock, Duration.ofMinutes(15));

  @Test
  void aSealedCardIsRedeemedByItsReferenceUntilDiscarded() {
    String card = store.seal(CARD);
    String ach = store.seal(ACH);

    assertThat(store.redeem(card)).contains(CARD);
    assertThat(store.redeem(card)).contains(CARD); // a retried activity may redeem again
    assertThat(store.redeem(ach)).contains(ACH);

    assertThat(store.discard(card)).isTrue();
    assertThat(store.redeem(card)).isEmpty();
    assertThat(store.discard(card)).isFalse();
    assertThat(store.redeem(ach)).contains(ACH);
  }

  @Test
  void referencesAreRandomUrlSafeAndRevealNothing() {
    Set<String> references = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      references.add(store.seal(CARD));
    }
    // 1,000 seals of the same card: all different, so none is derived from the card. A short run of digits can turn up
    // by chance in 256 random bits ("737" in about one run in seven), so the check is on runs long enough to mean
    // something: no 6 consecutive digits of the card number.
    assertThat(references).hasSize(1000).allSatisfy(reference -> {
      assertThat(reference).matches("cv_[A-Za-z0-9_-]{43}");
      for (int i = 0; i + 6 <= "4111111111111111".length(); i++) {
        assertThat(reference).doesNotContain("4111111111111111".substring(i, i + 6));
      }
    });
  }

  @Test
  void unknownAndMalformedReferencesRedeemNothing() {
    store.seal(CARD);
    assertThat(store.redeem("cv_" + "A".repeat(43))).isEmpty();
    assertThat(store.redeem("../etc")).isEmpty();
    assertThat(store.redeem(null)).isEmpty();
    assertThat(store.discard(null)).isFalse();
  }

  @Test
  void aCardExpiresAfterItsLifetimeEvenBeforeThePurgeRuns() {
    String reference = store.seal(CARD);

    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(store.redeem(reference)).contains(CARD);

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.redeem(reference)).isEmpty();
    assertThat(store.size()).isZero();
    assertThat(store.discard(reference)).isFalse();
  }

  @Test
  void thePurgeForgetsExpiredEntriesOnly() {
    String old = store.seal(CARD);
    clock.advance(Duration.ofMinutes(10));
    String recent = store.seal(ACH);
    clock.advance(Duration.ofMinutes(6));

    assertThat(store.purgeExpired()).isEqualTo(1);

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.redeem(old)).isEmpty();
    assertThat(store.redeem(recent)).contains(ACH);
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.purgeExpired()).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void anExpiredEntryDiscardedLateCountsAsGone() {
    String reference = store.seal(CARD);
    clock.advance(Duration.ofHours(1));

    assertThat(store.discard(reference)).isFalse();
    assertThat(store.size()).isZero();
  }
}
