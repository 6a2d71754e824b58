package dev.postings.starter.security;

import dev.postings.starter.caller.ApiRole;

/**
 * One API key from {@code postings.api.keys}.
 *
 * @param name who holds the key (a service or an operator); recorded as who asked for every action taken with it
 * @param key the secret the caller presents in {@code X-Api-Key} (or {@code Authorization: Bearer}); never logged
 * @param role what the key may do
 * @param service the service the key belongs to: a service key reads only the postings that keys of the same service
 *     started. Optional: a key without it is a service of its own (its name)
 */
public record ApiKey(String name, String key, ApiRole role, String service) {

  /** The service whose postings this key's starts belong to. */
  public String owner() {
    return service == null || service.isBlank() ? name : service.trim();
  }

  @Override
  public String toString() {
    return "ApiKey[name=" + name + ", role=" + role + ", service=" + owner() + "]";
  }
}
