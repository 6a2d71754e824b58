package dev.postings.starter.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code postings.api.*}: the API keys, and where local mode writes its development keys for the CLI.
 *
 * @param keys every key that may call the API (none: the starter refuses to start)
 * @param devKeysFile local mode only: the file ({"service":"…","operator":"…"}) the operator CLI reads by default;
 *     blank outside local mode
 */
public record ApiKeySettings(List<ApiKey> keys, String devKeysFile) {

  /** Shortest key accepted: 128 bits of hex or base64 entropy is about this long. */
  static final int MIN_KEY_LENGTH = 24;
  /**
   * Names and services: they go into timelines, logs and (the service) a search attribute that visibility queries
   * compare, so plain words only.
   */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public ApiKeySettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  /** Problems that must stop the starter, each naming the setting; empty when the keys are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (keys.isEmpty()) {
      problems.add("postings.api.keys is empty: configure at least one key (name, key, role: service|operator|metrics|admin),"
          + " e.g. POSTINGS_API_KEYS_0_NAME, POSTINGS_API_KEYS_0_KEY, POSTINGS_API_KEYS_0_ROLE (and optionally"
          + " POSTINGS_API_KEYS_0_SERVICE)");
    }
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      ApiKey key = keys.get(i);
      String at = "postings.api.keys[" + i + "]";
      if (key.name() == null || key.name().isBlank()) {
        problems.add(at + ".name is required");
      } else if (!NAME.matcher(key.name()).matches()) {
        problems.add(at + ".name must be 1-64 letters, digits, '.', '_', '@' or '-'");
      } else if (!names.add(key.name())) {
        problems.add(at + ".name " + key.name() + " is used twice");
      }
      if (key.key() == null || key.key().length() < MIN_KEY_LENGTH) {
        problems.add(at + ".key must be at least " + MIN_KEY_LENGTH + " characters");
      } else if (!secrets.add(key.key())) {
        problems.add(at + ".key is the same as another key's");
      }
      if (key.role() == null) {
        problems.add(at + ".role must be service, operator, metrics or admin");
      }
      if (key.service() != null && !key.service().isBlank() && !NAME.matcher(key.service().trim()).matches()) {
        problems.add(at + ".service must be 1-64 letters, digits, '.', '_', '@' or '-'");
      }
    }
    return problems;
  }
}
