package dev.postings.connections;

/**
 * A connection's own rate limit, when its vendor account allows another than the provider's default (a Propexo plan
 * with a higher limit, a storEDGE operator who asks us to slow down).
 *
 * @param requestsPerMinute requests per minute per budget of the credential, for all workers together: 1-10,000
 */
public record RateLimit(int requestsPerMinute) {

  public static final int MAX = 10_000;

  public RateLimit {
    if (requestsPerMinute < 1 || requestsPerMinute > MAX) {
      throw new ConnectionInvalid("rateLimit.requestsPerMinute", "must be 1-" + MAX);
    }
  }
}
