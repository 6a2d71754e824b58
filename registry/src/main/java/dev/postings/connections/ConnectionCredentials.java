package dev.postings.connections;

import dev.postings.model.ProviderApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's credentials, write-only: sealed at rest, opened only for the worker's adapters, never answered,
 * logged or put in history. {@link #toString} shows the names only.
 *
 * <ul>
 *   <li>PROPEXO: {@code token} (the customer's bearer token)
 *   <li>ACQUAINT: {@code sitePrefix} and {@code apiKey} (one agency's site)
 *   <li>STOREDGE: {@code consumerKey} and {@code consumerSecret} (the operator's API access id and secret key)
 * </ul>
 */
public record ConnectionCredentials(Map<String, String> values) {

  public static final String TOKEN = "token";
  public static final String SITE_PREFIX = "sitePrefix";
  public static final String API_KEY = "apiKey";
  public static final String CONSUMER_KEY = "consumerKey";
  public static final String CONSUMER_SECRET = "consumerSecret";
  private static final int MAX_LENGTH = 512;

  public ConnectionCredentials {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static ConnectionCredentials propexo(String token) {
    return new ConnectionCredentials(Map.of(TOKEN, token));
  }

  public static ConnectionCredentials acquaint(String sitePrefix, String apiKey) {
    return new ConnectionCredentials(Map.of(SITE_PREFIX, sitePrefix, API_KEY, apiKey));
  }

  public static ConnectionCredentials storedge(String consumerKey, String consumerSecret) {
    return new ConnectionCredentials(Map.of(CONSUMER_KEY, consumerKey, CONSUMER_SECRET, consumerSecret));
  }

  /** The fields {@code api} needs, in order. */
  public static List<String> fieldsOf(ProviderApi api) {
    return switch (api) {
      case PROPEXO -> List.of(TOKEN);
      case ACQUAINT -> List.of(SITE_PREFIX, API_KEY);
      case STOREDGE -> List.of(CONSUMER_KEY, CONSUMER_SECRET);
    };
  }

  /**
   * Checks the credentials fit {@code api}: each of its fields present, printable, at most 512 characters, and no
   * other field.
   *
   * @throws ConnectionInvalid naming the field ({@code credentials.<name>}), never its value
   */
  public ConnectionCredentials checkedFor(ProviderApi api) {
    List<String> fields = fieldsOf(api);
    for (String name : values.keySet()) {
      if (!fields.contains(name)) {
        throw new ConnectionInvalid("credentials." + name, "is not a credential of " + api + " (expected "
            + String.join(", ", fields) + ")");
      }
    }
    for (String name : fields) {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        throw new ConnectionInvalid("credentials." + name, "is required for " + api);
      }
      if (value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new ConnectionInvalid("credentials." + name, "must be 1-" + MAX_LENGTH
            + " printable ASCII characters without spaces");
      }
    }
    return this;
  }

  public String get(String name) {
    return values.get(name);
  }

  /** The secret part, whose last 4 characters are the only part ever shown. */
  public String secret(ProviderApi api) {
    return switch (api) {
      case PROPEXO -> values.get(TOKEN);
      case ACQUAINT -> values.get(API_KEY);
      case STOREDGE -> values.get(CONSUMER_SECRET);
    };
  }

  /** The last 4 characters of the secret (all of it when shorter: never more than 4). */
  public String last4(ProviderApi api) {
    String secret = secret(api);
    return secret.length() <= 4 ? secret : secret.substring(secret.length() - 4);
  }

  /**
   * What the vendor counts its rate limit by: the Propexo token, the Acquaint key (with its site), the storEDGE
   * consumer key. Two connections with the same credential share one budget.
   */
  public String identity(ProviderApi api) {
    return switch (api) {
      case PROPEXO -> values.get(TOKEN);
      case ACQUAINT -> values.get(SITE_PREFIX) + "\n" + values.get(API_KEY);
      case STOREDGE -> values.get(CONSUMER_KEY);
    };
  }

  /** The names of the values, never a value. */
  @Override
  public String toString() {
    return "ConnectionCredentials" + new LinkedHashMap<>(values).keySet();
  }
}
