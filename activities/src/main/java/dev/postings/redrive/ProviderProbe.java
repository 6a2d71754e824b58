package dev.postings.redrive;

import dev.postings.model.Provider;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/**
 * One cheap, authenticated read of a provider before the re-drive resumes any of its parked postings: while the
 * provider does not answer, resuming them would only spend each posting's history on a failure we already know about.
 * A refusal (400, 404) is an answer; a 5xx, a timeout, a 429 or refused credentials is not.
 */
@FunctionalInterface
public interface ProviderProbe {

  /** What the probe saw: whether the provider answers, and in a few words why not. */
  record Answer(boolean answers, String detail) {}

  Answer probe(Provider provider);

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
        return FailureKind.REJECTED.name().equals(failure.getType()) ? new Answer(true, "answered with a refusal")
            : new Answer(false, failure.getType());
      } catch (RuntimeException failure) {
        return new Answer(false, failure.getClass().getSimpleName());
      }
    };
  }
}
