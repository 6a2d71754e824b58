package dev.postings.connections;

import dev.postings.model.ProviderApi;
import java.time.Instant;

/**
 * A connection as it may be shown: everything but the credentials, of which only the last 4 characters of the secret.
 *
 * @param version bumped by every change (rotation, disabling); a worker's cached copy compares it
 */
public record Connection(String connectionId, ProviderApi api, String name, String baseUrl, String last4,
    RateLimit rateLimit, ApprovalSettings approval, ConnectionStatus status, Instant createdAt, Instant rotatedAt,
    Instant disabledAt, Instant updatedAt, long version) {

  public boolean active() {
    return status == ConnectionStatus.ACTIVE;
  }
}
