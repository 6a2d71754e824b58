package dev.postings.starter.security;

import dev.postings.starter.caller.ApiCaller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key's authentication: before the check it carries only the key the caller presented; after it, the {@link
 * ApiCaller} (never the key) and the role as its authority.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final transient String presentedKey;
  private final ApiCaller caller;

  private ApiKeyAuthentication(String presentedKey, ApiCaller caller) {
    super(caller == null ? List.of() : List.of(new SimpleGrantedAuthority(caller.role().authority())));
    this.presentedKey = presentedKey;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  /** What the caller sent, not yet checked. */
  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, null);
  }

  /** A key that matched one of ours. */
  static ApiKeyAuthentication of(ApiCaller caller) {
    return new ApiKeyAuthentication(null, caller);
  }

  String presentedKey() {
    return presentedKey;
  }

  @Override
  public Object getCredentials() {
    return null; // the key is never kept past the check, nor handed to anyone
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller == null ? "" : caller.name();
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated && caller == null) {
      throw new IllegalArgumentException("an unchecked key cannot be marked authenticated");
    }
    super.setAuthenticated(authenticated);
  }

  @Override
  public String toString() {
    return "ApiKeyAuthentication[" + (caller == null ? "unchecked" : caller) + "]";
  }
}
