package dev.postings.starter.connections;

import dev.postings.model.Provider;
import java.util.Optional;

/**
 * Whether a posting may name a connection: it must exist, be active and be of the provider's API (a PROPEXO connection
 * for PROPERTYWARE and RESMAN). Consulted when a posting request is read, so that a wrong connection is a 400 naming
 * {@code connectionId} rather than a posting that parks at its first call.
 */
@FunctionalInterface
public interface PostingConnections {

  /** Why {@code connectionId} cannot take a posting to {@code provider} (the rest of a sentence), or empty. */
  Optional<String> refusal(String connectionId, Provider provider);
}
