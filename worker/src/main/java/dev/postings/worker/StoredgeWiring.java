package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardDataUnavailable;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.storedge.StoredgeSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The storEDGE adapter, configured from {@code postings.storedge.*} (environment: STOREDGE_BASE_URL,
 * STOREDGE_CONSUMER_KEY, STOREDGE_CONSUMER_SECRET), and the card vault it redeems new cards and accounts from.
 */
@Configuration
public class StoredgeWiring {

  @Bean
  StoredgeSettings storedgeSettings(Environment environment) {
    return Binder.get(environment).bind("postings.storedge", StoredgeSettings.class)
        .orElseThrow(() -> new IllegalStateException("postings.storedge.* is not configured"));
  }

  /**
   * Registered on the storEDGE task queue by name (spring.temporal.workers[].activity-beans). Uses the real vault as
   * soon as one is a bean, even if the placeholder was registered too (a condition on beans of ordinary
   * configurations depends on the order they are read in).
   */
  @Bean
  StoredgeAdapter storedgeAdapter(StoredgeSettings settings, ObjectProvider<CardVault> vaults, ObjectMapper json) {
    CardVault vault = vaults.orderedStream()
        .filter(candidate -> !(candidate instanceof RefusingCardVault))
        .findFirst()
        .orElseGet(RefusingCardVault::new);
    return new StoredgeAdapter(settings, vault, json);
  }

  /**
   * Until a real vault client is wired, a new card or account cannot be paid with: every redeem is refused, so such a
   * posting ends REJECTED with "card data expired before it was sent; nothing charged". Stored methods, checks and cash
   * do not need the vault.
   */
  @Bean
  @ConditionalOnMissingBean(CardVault.class)
  CardVault refusingCardVaultPlaceholder() {
    return new RefusingCardVault();
  }

  /** A placeholder vault that holds nothing. */
  static final class RefusingCardVault implements CardVault {

    @Override
    public CardSecrets redeem(String reference) {
      throw new CardDataUnavailable(reference);
    }

    @Override
    public void discard(String reference) {
      // nothing is held, so nothing to forget
    }
  }
}
