package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ProviderCallsTest {

  @Test
  void idsInPathsBecomeOnePlaceholderSoTheOperationTagStaysSmall() {
    assertThat(ProviderCalls.operation("GET /v1/admin/write-status/job_123")).isEqualTo("GET /v1/admin/write-status/{id}");
    assertThat(ProviderCalls.operation("POST /v1/a7ccbc47-adde-41e6-a768-874d3d05f415/ledgers/"
        + "795bcfcd-20d7-4168-93be-10e83e76678e/make_payment")).isEqualTo("POST /v1/{id}/ledgers/{id}/make_payment");
    assertThat(ProviderCalls.operation("GET /17.0/database/transactions/9406"))
        .isEqualTo("GET /17.0/database/transactions/{id}");
    assertThat(ProviderCalls.operation("POST /v1/resident-payments/propertyware_rest/?x=1"))
        .isEqualTo("POST /v1/resident-payments/propertyware_rest/");
  }

  /** Issue 13: a facility id is the caller's; one without a digit became a time series of its own. */
  @Test
  void noIdFromACallerBecomesATagWhateverItLooksLike() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProviderCalls calls = new ProviderCalls("storedge", registry);
    for (int i = 0; i < 500; i++) {
      String word = Integer.toString(i, 26).chars().mapToObj(c -> String.valueOf((char) ('a' + Character.digit(c, 26))))
          .reduce("", String::concat);
      calls.record("GET /v1/facility-" + word + "/ledgers/main-" + word, "200", System.nanoTime());
      calls.record("POST /v1/" + word + "/ledgers/" + word + "/make_payment", "200", System.nanoTime());
      calls.record("GET /v1/resident-payments/rp_" + word, "404", System.nanoTime());
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
    calls.record("GET /v1/f1/ledgers/l1", "200", System.nanoTime());
    calls.record("GET /v1/f2/ledgers/l2", "200", System.nanoTime());
    calls.record("GET /v1/f2/ledgers/l2", "429", System.nanoTime());
    calls.record("POST /v1/f2/ledgers/l2/make_payment", ProviderCalls.NO_ANSWER, System.nanoTime());

    assertThat(registry.get(ProviderCalls.METER).tags("provider", "storedge", "operation", "GET /v1/{id}/ledgers/{id}",
        "status", "200").timer().count()).isEqualTo(2);
    assertThat(registry.get(ProviderCalls.METER).tags("status", "429").timer().count()).isEqualTo(1);
    assertThat(registry.get(ProviderCalls.METER).tags("operation", "POST /v1/{id}/ledgers/{id}/make_payment",
        "status", "no_answer").timer().count()).isEqualTo(1);
  }
}
