package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardVault;
import dev.postings.cardvault.CardVaultClientSettings;
import dev.postings.cardvault.HttpCardVault;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The card vault as the worker's activities see it: {@link HttpCardVault} to the starter, configured from
 * {@code postings.card-vault.*} (CARD_VAULT_URL, CARD_VAULT_SECRET). Without a URL and a secret the worker
 * does not start.
 */
@Configuration
public class CardVaultWiring {

  @Bean
  CardVaultClientSettings cardVaultClientSettings(Environment environment) {
    return Binder.get(environment).bind("postings.card-vault", CardVaultClientSettings.class)
        .orElseGet(() -> new CardVaultClientSettings(null, null, null, null)); // reports what is missing
  }

  @Bean
  CardVault cardVault(CardVaultClientSettings settings, ObjectMapper json) {
    return new HttpCardVault(settings, json);
  }
}
