package dev.postings.starter.security;

/**
 * One API key from {@code postings.api.keys}.
 *
 * @param name who holds the key (a service or an operator); recorded as {@code requestedBy} of the actions taken with it
 * @param key the secret the caller presents in {@code X-Api-Key} (or {@code Authorization: Bearer}); never logged
 * @param role what the key may do
 */
public record ApiKey(String name, String key, ApiRole role) {

  @Override
  public String toString() {
    return "ApiKey[name=" + name + ", role=" + role + "]";
  }
}
