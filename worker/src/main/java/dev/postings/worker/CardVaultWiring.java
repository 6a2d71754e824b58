package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardVault;
import dev.postings.cardvault.CardVaultClientSettings;
import dev.postings.cardvault.HttpCardVault;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The card vault as the worker's activities see it: {@link HttpCardVault} to the starter, configured from
 * {@code postings.card-vault.*} (CARD_VAULT_URL, CARD_VAULT_SECRET). Without a URL and a secret the worker
 * does not start, nor outside the local profile with a URL that is not https.
 */
@Configuration
public class CardVaultWiring {

  @Bean
  CardVaultClientSettings cardVaultClientSettings(Environment environment) {
    CardVaultClientSettings settings = Binder.get(environment).bind("postings.card-vault",
        CardVaultClientSettings.class).orElseGet(() -> new CardVaultClientSettings(null, null, null, null));
    // The worker sends the vault secret and receives card numbers and security codes over this connection: outside
    // the local stack (loopback) it must be TLS.
    if (!environment.acceptsProfiles(Profiles.of("local"))
        && !"https".equalsIgnoreCase(settings.baseUrl().getScheme())) {
      throw new IllegalStateException("postings.card-vault.base-url (CARD_VAULT_URL) must be an https URL outside the"
          + " local profile: the card vault secret and cardholder data travel over it");
    }
    return settings;
  }

  @Bean
  CardVault cardVault(CardVaultClientSettings settings, ObjectMapper json) {
    return new HttpCardVault(settings, json);
  }
}
