package dev.postings.starter.cardvault;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The worker's authentication on the card vault: before the check it carries the secret presented in {@code
 * Authorization: Bearer}; after it, only the authority {@value #AUTHORITY}, which nothing else grants (an API key, even
 * an operator's, never opens the vault).
 */
public final class CardVaultAuthentication extends AbstractAuthenticationToken {

  public static final String AUTHORITY = "CARD_VAULT";
  private static final String WORKER = "worker";

  private final transient String presentedSecret;

  private CardVaultAuthentication(String presentedSecret, boolean checked) {
    super(checked ? List.of(new SimpleGrantedAuthority(AUTHORITY)) : List.of());
    this.presentedSecret = presentedSecret;
    super.setAuthenticated(checked);
  }

  static CardVaultAuthentication presented(String secret) {
    return new CardVaultAuthentication(secret, false);
  }

  static CardVaultAuthentication worker() {
    return new CardVaultAuthentication(null, true);
  }

  String presentedSecret() {
    return presentedSecret;
  }

  @Override
  public Object getCredentials() {
    return null; // the secret is never kept past the check
  }

  @Override
  public Object getPrincipal() {
    return isAuthenticated() ? WORKER : null;
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("only the secret check marks the worker authenticated");
    }
    super.setAuthenticated(false);
  }
}
