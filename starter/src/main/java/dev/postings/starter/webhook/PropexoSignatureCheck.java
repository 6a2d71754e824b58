package dev.postings.starter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Propexo signs each webhook with HMAC-SHA256 of the raw body under the webhook secret, lower-case hex in {@code
 * propexo-signature}. The expected value is computed and compared in constant time, so the signature cannot be guessed
 * byte by byte.
 */
public final class PropexoSignatureCheck implements AuthenticationProvider {

  private final SecretKeySpec key;

  public PropexoSignatureCheck(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("postings.webhooks.propexo.secret is not configured: set PROPEXO_WEBHOOK_SECRET,"
          + " or run with the local profile");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    PropexoWebhookAuthentication presented = (PropexoWebhookAuthentication) authentication;
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      expected = HexFormat.of().formatHex(mac.doFinal(presented.body())).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] signature = presented.signature().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature)) {
      throw new BadCredentialsException("propexo-signature does not match the body");
    }
    return PropexoWebhookAuthentication.propexo();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return PropexoWebhookAuthentication.class.isAssignableFrom(authentication);
  }
}
