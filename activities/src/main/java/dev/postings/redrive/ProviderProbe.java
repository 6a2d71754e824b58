package dev.postings.redrive;

import dev.postings.model.Provider;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * One cheap, authenticated read of a provider before the re-drive resumes any of its parked postings: while the
 * provider does not answer, resuming them would only spend each posting's history on a failure we already know about.
 * A refusal (400, 404) is an answer; a 5xx, a timeout, a 429 or refused credentials is not. A probe that cannot run
 * at all does not hold anybody back.
 */
@FunctionalInterface
public interface ProviderProbe {

  /** What the probe saw: whether the provider answers, and in a few words why not. */
  record Answer(boolean answers, String detail) {}

  Answer probe(Provider provider);

  /** The answers that say the provider does not take requests now; any other answer (a refusal, a 404) is an answer. */
  java.util.Set<String> NOT_ANSWERING = java.util.Set.of(FailureKind.PROVIDER_UNAVAILABLE.name(),
      FailureKind.RATE_LIMITED.name(), FailureKind.CREDENTIALS_REFUSED.name(), FailureKind.NOT_SENT.name(),
      FailureKind.UNKNOWN_OUTCOME.name());

  /** No probe: every provider counts as answering (an operator's re-drive in tests, or no probe configured). */
  ProviderProbe NONE = provider -> new Answer(true, "not probed");

  /** A probe per provider, each a call that throws the adapter's classified failure when the provider does not answer. */
  static ProviderProbe of(Map<Provider, Runnable> calls) {
    return provider -> {
      Runnable call = calls.get(provider);
      if (call == null) {
        return new Answer(true, "not probed");
      }
      try {
        call.run();
        return new Answer(true, "answered");
      } catch (ApplicationFailure failure) {
        return NOT_ANSWERING.contains(failure.getType()) ? new Answer(false, failure.getType())
            : new Answer(true, "answered with " + failure.getType());
      } catch (RuntimeException failure) {
        // The probe only saves history; one that cannot run must not hold every parked posting back.
        return new Answer(true, "not probed (" + failure.getClass().getSimpleName() + ")");
      }
    };
  }
}
