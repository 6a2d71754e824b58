package dev.postings.providers;

import dev.postings.model.ProviderApi;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;

/**
 * Finds the connection a call is made with, at the time of the call: so that a rotated credential is used, and a
 * disabled connection refused, from the next call of a running posting on.
 */
@FunctionalInterface
public interface ConnectionResolver {

  /**
   * The active connection {@code connectionId} of {@code api}.
   *
   * @throws ApplicationFailure CREDENTIALS_REFUSED (the posting parks, as when the provider refuses a credential)
   *     when there is no such connection, it is disabled, or it is of another provider API
   */
  ResolvedConnection resolve(String connectionId, ProviderApi api);

  /** One connection whatever the id: the adapters' single-credential mode (tests, tools). */
  static ConnectionResolver fixed(ResolvedConnection connection) {
    return (connectionId, api) -> connection;
  }

  /** The failure a posting parks with when its connection cannot be used. Never names a credential. */
  static ApplicationFailure refused(String connectionId, String why) {
    return ProviderFailures.failure(FailureKind.CREDENTIALS_REFUSED, "connection " + connectionId + " " + why
        + ": nothing was sent", null, null);
  }
}
