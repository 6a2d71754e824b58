package dev.postings.starter.cardvault;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The card vault's starter side from {@code postings.card-vault.*} (CARD_VAULT_SECRET, CARD_VAULT_TTL): the store, and
 * a background purge of expired entries. Without a secret the starter does not start.
 */
@Configuration
public class CardVaultWiring {

  private static final Logger log = LoggerFactory.getLogger(CardVaultWiring.class);

  @Bean
  CardVaultSettings cardVaultSettings(Environment environment) {
    return Binder.get(environment).bind("postings.card-vault", CardVaultSettings.class)
        .orElseGet(() -> new CardVaultSettings(null, null)); // reports what is missing
  }

  @Bean
  SealedCardStore sealedCardStore(CardVaultSettings settings) {
    return new SealedCardStore(Clock.systemUTC(), settings.ttl());
  }

  /** Expired values are overwritten within a minute (or a TTL, if shorter) even if nobody asks for them again. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService cardVaultPurge(SealedCardStore store, CardVaultSettings settings) {
    ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "card-vault-purge");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(1, Math.min(Duration.ofMinutes(1).toMillis(), settings.ttl().toMillis()));
    purge.scheduleWithFixedDelay(() -> {
      try {
        int purged = store.purgeExpired();
        if (purged > 0) {
          log.debug("card vault: {} expired entries purged", purged);
        }
      } catch (RuntimeException e) {
        log.warn("card vault: purge failed: {}", e.getClass().getName());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    return purge;
  }
}
