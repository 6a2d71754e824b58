package dev.postings.starter.cardvault;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The worker's shared secret on {@code /internal/card-vault}: read from {@code Authorization: Bearer <secret>} ({@link
 * #converter()}) and compared with {@code postings.card-vault.secret} by SHA-256 digest in constant time, so neither the
 * content nor the length of the secret leaks through timing. Never logged.
 */
public final class CardVaultSecretCheck implements AuthenticationProvider {

  private static final String BEARER = "Bearer ";
  private final byte[] secretDigest;

  public CardVaultSecretCheck(CardVaultSettings settings) {
    this.secretDigest = sha256(settings.secret());
  }

  /** The presented secret, or no authentication when none is presented (then the vault answers 401). */
  public static AuthenticationConverter converter() {
    return (HttpServletRequest request) -> {
      String authorization = request.getHeader("Authorization");
      if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
        return null;
      }
      return CardVaultAuthentication.presented(authorization.substring(BEARER.length()));
    };
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    byte[] presented = sha256(((CardVaultAuthentication) authentication).presentedSecret());
    if (!MessageDigest.isEqual(secretDigest, presented)) {
      throw new BadCredentialsException("the card vault secret is missing or wrong");
    }
    return CardVaultAuthentication.worker();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return CardVaultAuthentication.class.isAssignableFrom(authentication);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
