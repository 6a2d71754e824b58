package dev.postings.starter.cardvault;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.postings.cardvault.CardSecrets;
import dev.postings.starter.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The vault's answers to the worker (the security chain checked its secret before: FrontDoorAuthenticationTest sends
 * the wrong ones over HTTP).
 */
class CardVaultEndpointTest {

  private static final String SECRET = "a-shared-secret-of-some-length";
  private static final CardSecrets CARD = new CardSecrets("4111111111111111", "737", null);

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final SealedCardStore store = new SealedCardStore(clock, Duration.ofMinutes(15));
  private final MockMvc mvc = MockMvcBuilders
      .standaloneSetup(new CardVaultEndpoint(store)).build();

  @Test
  void redeemAnswersTheValuesToTheSecretHolderOnly() throws Exception {
    String reference = store.seal(CARD);

    mvc.perform(post("/internal/card-vault/{r}/redeem", reference).header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(jsonPath("$.cardNumber").value("4111111111111111"))
        .andExpect(jsonPath("$.securityCode").value("737"));
  }

  @Test
  void unknownExpiredAndDiscardedReferencesAre404() throws Exception {
    String discarded = store.seal(CARD);
    String expiring = store.seal(CARD);

    mvc.perform(delete("/internal/card-vault/{r}", discarded).header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isNoContent());
    mvc.perform(post("/internal/card-vault/{r}/redeem", discarded).header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].field").value("reference"));
    mvc.perform(delete("/internal/card-vault/{r}", discarded).header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isNotFound());
    mvc.perform(post("/internal/card-vault/{r}/redeem", "cv_unknown").header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isNotFound());

    clock.advance(Duration.ofMinutes(15));
    mvc.perform(post("/internal/card-vault/{r}/redeem", expiring).header("Authorization", "Bearer " + SECRET))
        .andExpect(status().isNotFound());
  }
}
