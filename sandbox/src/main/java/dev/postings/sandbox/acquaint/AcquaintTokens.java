package dev.postings.sandbox.acquaint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The bearer tokens of {@code POST /v1/auth}: real HS256 JWTs, signed by the sandbox, expiring one token lifetime
 * after issue by the sandbox clock (so tests reach expiry by moving the clock). A revoke (sandbox control) makes every
 * token issued so far invalid, as a rotated key would.
 */
@Component
public class AcquaintTokens {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = BASE64URL.encodeToString(
      "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final AcquaintSandboxProperties properties;
  private final Clock clock;
  private final ObjectMapper json;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();

  public AcquaintTokens(AcquaintSandboxProperties properties, Clock clock, ObjectMapper json) {
    this.properties = properties;
    this.clock = clock;
    this.json = json;
  }

  /** The site prefix a key belongs to, if the pair is one of the configured credentials. */
  Optional<String> siteFor(String apiKey, String sitePrefix) {
    for (String credential : properties.credentials()) {
      int colon = credential.indexOf(':');
      if (colon > 0 && credential.substring(0, colon).equalsIgnoreCase(sitePrefix)
          && MessageDigest.isEqual(credential.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
              apiKey.getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(credential.substring(0, colon));
      }
    }
    return Optional.empty();
  }

  String issue(String site) {
    long now = clock.millis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", site);
    claims.put("iat", now);
    claims.put("exp", now + properties.tokenLifetime().toSeconds());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("gen", generation.get());
    try {
      String payload = BASE64URL.encodeToString(json.writeValueAsBytes(claims));
      issued.incrementAndGet();
      return HEADER + "." + payload + "." + sign(HEADER + "." + payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The site the token was issued to, when its signature is ours and it is neither expired nor revoked. */
  Optional<String> verify(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3 || !HEADER.equals(parts[0])) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (clock.millis() / 1000 >= claims.path("exp").asLong(0)
          || claims.path("gen").asInt(-1) != generation.get()) {
        return Optional.empty();
      }
      return Optional.of(claims.path("sub").asText());
    } catch (Exception malformed) {
      return Optional.empty();
    }
  }

  /** Sandbox control: every token issued so far stops working. */
  public void revokeAll() {
    generation.incrementAndGet();
  }

  /** Tokens issued since the sandbox started (sandbox inspection: shows whether a client caches its token). */
  public int issuedCount() {
    return issued.get();
  }

  private String sign(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return BASE64URL.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
