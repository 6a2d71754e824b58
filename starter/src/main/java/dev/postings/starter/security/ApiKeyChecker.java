package dev.postings.starter.security;

import dev.postings.starter.caller.ApiCaller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented API key against {@code postings.api.keys}. Each configured key is compared by its SHA-256 digest
 * with {@link MessageDigest#isEqual} (constant time for equal lengths, and digests always have equal lengths) and
 * without an early exit, so neither the answer's time nor its content tells how much of a guess was right, nor which
 * key came close. Keys are never logged.
 */
final class ApiKeyChecker implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyChecker.class);

  private record KnownKey(byte[] digest, ApiCaller caller) {}

  private final List<KnownKey> keys;

  ApiKeyChecker(List<ApiKey> keys) {
    this.keys = keys.stream()
        .map(key -> new KnownKey(sha256(key.key()), new ApiCaller(key.name(), key.role(), key.owner())))
        .toList();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    byte[] presented = sha256(((ApiKeyAuthentication) authentication).presentedKey());
    ApiCaller found = null;
    for (KnownKey known : keys) {
      if (MessageDigest.isEqual(known.digest(), presented)) {
        found = known.caller();
      }
    }
    if (found == null) {
      log.warn("refused a call with an unknown API key");
      throw new BadCredentialsException("the API key is not valid");
    }
    return ApiKeyAuthentication.of(found);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
