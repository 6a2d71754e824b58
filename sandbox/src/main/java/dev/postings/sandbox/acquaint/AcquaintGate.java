package dev.postings.sandbox.acquaint;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What stands in front of every Acquaint 17.0 call (docs/providers/acquaint.md#authentication, #rate-limit): a valid,
 * unexpired bearer JWT from {@code /v1/auth} (401 otherwise), and 100 requests per minute per endpoint per key (429
 * with Retry-After until the minute window resets). The simulated API lives under {@code /acquaint}, so its base URL is
 * {@code http://host:port/acquaint} and its {@code /v1/auth} does not meet the Propexo simulator's {@code /v1/*}.
 */
@Configuration
public class AcquaintGate {

  static final String SITE_ATTRIBUTE = "acquaint.site";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> acquaintGateFilter(AcquaintSandboxProperties properties,
      AcquaintTokens tokens, Clock clock, ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Gate(properties, tokens, clock, json));
    registration.addUrlPatterns("/acquaint/17.0/*");
    return registration;
  }

  static final class Gate extends OncePerRequestFilter {

    private final AcquaintSandboxProperties properties;
    private final AcquaintTokens tokens;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Window> windows = new HashMap<>();

    Gate(AcquaintSandboxProperties properties, AcquaintTokens tokens, Clock clock, ObjectMapper json) {
      this.properties = properties;
      this.tokens = tokens;
      this.clock = clock;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
      Optional<String> site = token.isEmpty() ? Optional.empty() : tokens.verify(token);
      if (site.isEmpty()) {
        response.setHeader("WWW-Authenticate", "Bearer");
        reply(response, 401, "Authorization has been denied for this request.");
        return;
      }
      int limit = properties.rateLimit().requestsPerMinute();
      long nowMillis = clock.millis();
      long minute = nowMillis / 60_000;
      boolean refused;
      synchronized (windows) {
        Window window = windows.computeIfAbsent(site.get() + " " + endpoint(request), key -> new Window());
        if (window.minute != minute) {
          window.minute = minute;
          window.count = 0;
        }
        refused = window.count >= limit;
        if (!refused) {
          window.count++;
        }
      }
      if (refused) {
        long windowEnds = (minute + 1) * 60_000;
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (windowEnds - nowMillis + 999) / 1000)));
        reply(response, 429, "API calls quota exceeded! maximum admitted " + limit + " per 1m.");
        return;
      }
      request.setAttribute(SITE_ATTRIBUTE, site.get());
      chain.doFilter(request, response);
    }

    /** The endpoint a request calls: method and path with ids folded, so every transaction id shares one limit. */
    static String endpoint(HttpServletRequest request) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      return request.getMethod() + " " + path.toLowerCase(Locale.ROOT).replaceAll("/[0-9]+(?=/|$)", "/{id}");
    }

    private void reply(HttpServletResponse response, int status, String message) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      json.writeValue(response.getOutputStream(), AcquaintError.body(message));
    }
  }

  private static final class Window {
    long minute = -1;
    int count;
  }
}
