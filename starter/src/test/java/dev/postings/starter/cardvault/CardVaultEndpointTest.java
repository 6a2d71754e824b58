package dev.postings.starter.cardvault;

import static org.assertj.core.api.Assertions.assertThat;
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

class CardVaultEndpointTest {

  private static final String SECRET = "a-shared-secret-of-some-length";
  private static final CardSecrets CARD = new CardSecrets("4111111111111111", "737", null);

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final SealedCardStore store = new SealedCardStore(clock, Duration.ofMinutes(15));
  private final MockMvc mvc = MockMvcBuilders
      .standaloneSetup(new CardVaultEndpoint(store, new CardVaultSettings(null, SECRET))).build();

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
  void aMissingOrWrongSecretIs401WithoutAnyValue() throws Exception {
    String reference = store.seal(CARD);

    for (String authorization : new String[] {null, "Bearer", "Bearer ", "Bearer " + SECRET + "x",
        "Bearer " + SECRET.substring(1), SECRET, "Basic " + SECRET}) {
      var request = post("/internal/card-vault/{r}/redeem", reference);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      String body = mvc.perform(request)
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", "Bearer"))
          .andExpect(jsonPath("$.errors[0].field").value("Authorization"))
          .andReturn().getResponse().getContentAsString();
      assertThat(body).doesNotContain("4111").doesNotContain(SECRET);
    }
    mvc.perform(delete("/internal/card-vault/{r}", reference).header("Authorization", "Bearer wrong"))
        .andExpect(status().isUnauthorized());
    assertThat(store.redeem(reference)).contains(CARD); // a refused discard forgot nothing
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
