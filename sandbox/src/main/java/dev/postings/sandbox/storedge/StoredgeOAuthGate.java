package dev.postings.sandbox.storedge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.extractors.BaseStringExtractorImpl;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.services.HMACSha1SignatureService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * storEDGE's one-legged OAuth 1.0 (HMAC-SHA1), verified the way the vendor's side would: the {@code Authorization:
 * OAuth ...} header must name the configured consumer key, carry a fresh timestamp and an unused nonce, and a signature
 * over the method, the URL, the query and the {@code oauth_*} parameters (not the JSON body: RFC 5849 3.4.1.3 takes
 * body parameters only from form-encoded bodies) made with the consumer secret and an empty token secret. Anything else
 * is a 401 in storEDGE's error shape. The expected signature is computed with ScribeJava's own base-string and
 * HMAC-SHA1 code, the library the adapter signs with.
 *
 * <p>Timestamps are checked against the wall clock, not the sandbox clock: clients sign with real time.
 */
@Configuration
public class StoredgeOAuthGate {

  /** Where the storEDGE API lives in the sandbox (the real one is {@code https://api.storedgefms.com/v1/...}). */
  public static final String PREFIX = "/storedge";
  /** The request attribute naming the operator (consumer key) an authentic request came from. */
  static final String OPERATOR_ATTRIBUTE = "storedge.operator";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> storedgeOAuthFilter(StoredgeSandboxProperties properties,
      ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Gate(properties, Clock.systemUTC(), json));
    registration.addUrlPatterns(PREFIX + "/v1/*");
    return registration;
  }

  static final class Gate extends OncePerRequestFilter {

    private final StoredgeSandboxProperties properties;
    private final Clock wallClock;
    private final ObjectMapper json;
    /** consumer key + nonce -> timestamp, kept while a request with that timestamp would still be accepted. */
    private final Map<String, Long> seenNonces = new HashMap<>();
    /**
     * When the nonces were last pruned (epoch seconds). Pruning scans them all, so it runs once a second, not on every
     * request: at a few hundred requests a second the scan on each one was the sandbox's hottest code (the bench's
     * profile). A nonce is then kept at most a second past the tolerance, which can only refuse a reuse that much longer.
     */
    private long prunedAt = Long.MIN_VALUE;

    Gate(StoredgeSandboxProperties properties, Clock wallClock, ObjectMapper json) {
      this.properties = properties;
      this.wallClock = wallClock;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String refusal = refusal(request);
      if (refusal != null) {
        response.setStatus(401);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(),
            StoredgeError.body(HttpStatus.UNAUTHORIZED, "Unauthorized", refusal, null));
        return;
      }
      request.setAttribute(OPERATOR_ATTRIBUTE, parseHeader(request.getHeader("Authorization").substring(6))
          .get("oauth_consumer_key"));
      chain.doFilter(request, response);
    }

    /** Why the request is not authentic, or null when it is. */
    String refusal(HttpServletRequest request) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
        return "OAuth 1.0 authorization is required";
      }
      Map<String, String> oauth = parseHeader(header.substring(6));
      for (String required : new String[] {"oauth_consumer_key", "oauth_signature_method", "oauth_timestamp",
          "oauth_nonce", "oauth_signature"}) {
        if (!oauth.containsKey(required)) {
          return required + " is missing";
        }
      }
      if (!"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
        return "oauth_signature_method must be HMAC-SHA1";
      }
      if (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
        return "oauth_version must be 1.0";
      }
      java.util.Optional<String> consumerSecret = properties.secretOf(oauth.get("oauth_consumer_key"));
      if (consumerSecret.isEmpty()) {
        return "unknown consumer key";
      }
      long timestamp;
      try {
        timestamp = Long.parseLong(oauth.get("oauth_timestamp"));
      } catch (NumberFormatException notANumber) {
        return "oauth_timestamp is not a number";
      }
      long now = wallClock.millis() / 1000;
      long tolerance = properties.timestampTolerance().toSeconds();
      if (Math.abs(now - timestamp) > tolerance) {
        return "oauth_timestamp is stale";
      }
      String expected = expectedSignature(request, oauth, consumerSecret.get());
      if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
          oauth.get("oauth_signature").getBytes(StandardCharsets.UTF_8))) {
        return "invalid signature";
      }
      String nonceKey = oauth.get("oauth_consumer_key") + "\n" + oauth.get("oauth_nonce");
      synchronized (seenNonces) {
        if (now != prunedAt) {
          seenNonces.values().removeIf(seen -> Math.abs(now - seen) > tolerance);
          prunedAt = now;
        }
        if (seenNonces.putIfAbsent(nonceKey, timestamp) != null) {
          return "oauth_nonce was already used";
        }
      }
      return null;
    }

    /** RFC 5849 3.4: ScribeJava builds the base string (method, URL, query + oauth_* parameters) and signs it. */
    static String expectedSignature(HttpServletRequest request, Map<String, String> oauth, String consumerSecret) {
      String url = request.getRequestURL().toString();
      if (request.getQueryString() != null) {
        url += "?" + request.getQueryString();
      }
      OAuthRequest signed = new OAuthRequest(Verb.valueOf(request.getMethod()), url);
      oauth.forEach((name, value) -> {
        if (name.startsWith("oauth_") && !name.equals("oauth_signature")) {
          signed.addOAuthParameter(name, value);
        }
      });
      String baseString = new BaseStringExtractorImpl().extract(signed);
      return new HMACSha1SignatureService().getSignature(baseString, consumerSecret, "");
    }

    /** {@code k1="v1", k2="v2"} with percent-encoded values (RFC 5849 3.5.1); {@code realm} is not a parameter. */
    static Map<String, String> parseHeader(String parameters) {
      Map<String, String> result = new LinkedHashMap<>();
      for (String part : parameters.split(",")) {
        int equals = part.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String name = part.substring(0, equals).trim();
        String value = part.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!name.equalsIgnoreCase("realm")) {
          result.put(decode(name), decode(value));
        }
      }
      return result;
    }

    private static String decode(String value) {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
