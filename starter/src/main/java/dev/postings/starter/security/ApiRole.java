package dev.postings.starter.security;

/**
 * What an API key may do. A {@code service} starts postings and reads them; an {@code operator} may also act on them
 * (resolve, approve, reject, retry, cancel, reverse).
 */
public enum ApiRole {
  SERVICE,
  OPERATOR;

  public boolean mayAct() {
    return this == OPERATOR;
  }

  public String label() {
    return name().toLowerCase();
  }
}
