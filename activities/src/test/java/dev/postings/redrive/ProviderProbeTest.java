package dev.postings.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Provider;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as "the provider answers" for the re-drive's probe. */
class ProviderProbeTest {

  private static ProviderProbe.Answer probe(Runnable call) {
    return ProviderProbe.of(Map.of(Provider.PROPERTYWARE, call)).probe(Provider.PROPERTYWARE);
  }

  private static Runnable failing(FailureKind kind) {
    return () -> {
      throw ApplicationFailure.newBuilder().setType(kind.name()).setMessage(kind.name()).build();
    };
  }

  @Test
  void aRefusalIsAnAnswerAnOutageIsNot() {
    assertThat(probe(() -> { }).answers()).isTrue();
    assertThat(probe(failing(FailureKind.REJECTED)).answers()).isTrue();
    for (FailureKind down : new FailureKind[] {FailureKind.PROVIDER_UNAVAILABLE, FailureKind.RATE_LIMITED,
        FailureKind.CREDENTIALS_REFUSED, FailureKind.NOT_SENT, FailureKind.UNKNOWN_OUTCOME}) {
      assertThat(probe(failing(down))).as(down.name()).extracting(ProviderProbe.Answer::answers).isEqualTo(false);
    }
  }

  @Test
  void aProbeThatCannotRunHoldsNobodyBackNorDoesAProviderWithoutOne() {
    assertThat(probe(() -> {
      throw new IllegalStateException("bug");
    }).answers()).isTrue();
    assertThat(ProviderProbe.of(Map.of()).probe(Provider.STOREDGE).answers()).isTrue();
  }
}
