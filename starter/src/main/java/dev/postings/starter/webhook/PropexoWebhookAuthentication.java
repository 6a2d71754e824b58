package dev.postings.starter.webhook;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Propexo's authentication on {@code /webhooks/propexo}: the body as received and its {@code propexo-signature};
 * once the signature matched, the authority {@value #AUTHORITY}, which nothing else grants.
 */
public final class PropexoWebhookAuthentication extends AbstractAuthenticationToken {

  public static final String AUTHORITY = "PROPEXO_WEBHOOK";
  private static final String PROPEXO = "propexo";

  private final transient byte[] body;
  private final transient String signature;

  private PropexoWebhookAuthentication(byte[] body, String signature, boolean checked) {
    super(checked ? List.of(new SimpleGrantedAuthority(AUTHORITY)) : List.of());
    this.body = body;
    this.signature = signature;
    super.setAuthenticated(checked);
  }

  static PropexoWebhookAuthentication presented(byte[] body, String signature) {
    return new PropexoWebhookAuthentication(body, signature, false);
  }

  static PropexoWebhookAuthentication propexo() {
    return new PropexoWebhookAuthentication(null, null, true);
  }

  byte[] body() {
    return body;
  }

  String signature() {
    return signature;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return isAuthenticated() ? PROPEXO : null;
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("only the signature check marks a webhook authenticated");
    }
    super.setAuthenticated(false);
  }
}
