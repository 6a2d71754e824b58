package dev.postings.connections;

/**
 * A connection with its credentials opened, for the worker's adapters only: never answered, logged or put in a
 * workflow's history. {@link #toString} leaves the credentials out.
 *
 * @param credentialKey the credential's rate-limit budget name: a keyed hash of what the vendor counts by
 *     ({@link ConnectionCredentials#identity}), so that two connections with one credential share one budget, and the
 *     credential itself never reaches the rate-limit table
 */
public record OpenedConnection(Connection connection, ConnectionCredentials credentials, String credentialKey) {

  @Override
  public String toString() {
    return "OpenedConnection[" + connection + ", credentials=***]";
  }
}
