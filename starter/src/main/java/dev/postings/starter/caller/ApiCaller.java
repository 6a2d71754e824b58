package dev.postings.starter.caller;

/**
 * Who made an authenticated API call: the key's name, its role and its service (never the key itself). The principal of
 * an API key's authentication: a controller takes it with {@code @AuthenticationPrincipal ApiCaller caller}.
 *
 * @param service the service the key belongs to (the API key's owner): the owner of the postings it starts
 */
public record ApiCaller(String name, ApiRole role, String service) {

  /** Operators see every posting; a service only its own service's. */
  public boolean seesEveryPosting() {
    return role == ApiRole.OPERATOR;
  }
}
