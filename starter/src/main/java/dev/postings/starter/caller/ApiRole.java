package dev.postings.starter.caller;

/**
 * What an API key may do, as a Spring Security role ({@link #authority()}). A {@code service} starts postings and reads
 * the postings its own service started; an {@code operator} reads every posting and acts on them (resolve, approve,
 * reject, retry, cancel, reverse, re-drive, the Temporal codec); {@code metrics} reads {@code /actuator/prometheus} and
 * nothing else (a Prometheus scraper's key).
 */
public enum ApiRole {
  SERVICE,
  OPERATOR,
  METRICS,
  /** Manages provider connections (/api/connections): customers' credentials, nothing of postings. */
  ADMIN;

  /** The role as Spring Security names it: {@code ROLE_SERVICE}, ... */
  public String authority() {
    return "ROLE_" + name();
  }

  public String label() {
    return name().toLowerCase();
  }
}
