package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderCallsTest {

  @Test
  void idsInPathsBecomeOnePlaceholderSoTheOperationTagStaysSmall() {
    assertThat(Route.of("GET", "/v1/admin/write-status/{id}", "job_123").operation())
        .isEqualTo("GET /v1/admin/write-status/{id}");
    assertThat(Route.of("POST", "/v1/{id}/ledgers/{id}/make_payment", "a7ccbc47-adde-41e6-a768-874d3d05f415",
        "795bcfcd-20d7-4168-93be-10e83e76678e").operation()).isEqualTo("POST /v1/{id}/ledgers/{id}/make_payment");
    assertThat(Route.of("GET", "/17.0/database/transactions/{id}", 9406).operation())
        .isEqualTo("GET /17.0/database/transactions/{id}");
    assertThat(Route.of("POST", "/v1/resident-payments/propertyware_rest/").withQuery(Map.of("x", 1))
        .operation()).isEqualTo("POST /v1/resident-payments/propertyware_rest/");
  }

  /** Issue 13: a facility id is the caller's; one without a digit became a time series of its own. */
  @Test
  void noIdFromACallerBecomesATagWhateverItLooksLike() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProviderCalls calls = new ProviderCalls("storedge", registry);
    for (int i = 0; i < 500; i++) {
      String word = Integer.toString(i, 26).chars().mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 26))))
          .reduce("", String::concat);
      calls.record(Route.of("GET", "/v1/{id}/ledgers/{id}", "facility-" + word, "main-" + word), "200",
          System.nanoTime());
      calls.record(Route.of("POST", "/v1/{id}/ledgers/{id}/make_payment", word, word), "200", System.nanoTime());
      calls.record(Route.of("GET", "/v1/resident-payments/{id}", "rp_" + word), "404", System.nanoTime());
    }

    assertThat(registry.get(ProviderCalls.METER).timers()).hasSize(3)
        .extracting(timer -> timer.getId().getTag("operation"))
        .containsExactlyInAnyOrder("GET /v1/{id}/ledgers/{id}", "POST /v1/{id}/ledgers/{id}/make_payment",
            "GET /v1/resident-payments/{id}");
  }

  @Test
  void eachCallIsTimedByProviderOperationAndStatus() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProviderCalls calls = new ProviderCalls("storedge", registry);
    calls.record(Route.of("GET", "/v1/{id}/ledgers/{id}", "f1", "l1"), "200", System.nanoTime());
    calls.record(Route.of("GET", "/v1/{id}/ledgers/{id}", "f2", "l2"), "200", System.nanoTime());
    calls.record(Route.of("GET", "/v1/{id}/ledgers/{id}", "f2", "l2"), "429", System.nanoTime());
    calls.record(Route.of("POST", "/v1/{id}/ledgers/{id}/make_payment", "f2", "l2"), ProviderCalls.NO_ANSWER,
        System.nanoTime());

    assertThat(registry.get(ProviderCalls.METER).tags("provider", "storedge", "operation", "GET /v1/{id}/ledgers/{id}",
        "status", "200").timer().count()).isEqualTo(2);
    assertThat(registry.get(ProviderCalls.METER).tags("status", "429").timer().count()).isEqualTo(1);
    assertThat(registry.get(ProviderCalls.METER).tags("operation", "POST /v1/{id}/ledgers/{id}/make_payment",
        "status", "no_answer").timer().count()).isEqualTo(1);
  }
}
