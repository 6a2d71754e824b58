package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What stands in front of every Propexo call: the Bearer token (401 without a known one) and the per-customer rate
 * limit with its headers, slow-down from 80 % and 429 at 100 % until the minute window resets
 * (docs/providers/propexo.md#rate-limit).
 */
@Configuration
public class PropexoGate {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> propexoGateFilter(PropexoSandboxProperties properties, Clock clock,
      ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Gate(properties, clock, json));
    registration.addUrlPatterns("/v1/*");
    return registration;
  }

  static final class Gate extends OncePerRequestFilter {

    private final PropexoSandboxProperties properties;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Window> windows = new HashMap<>();

    Gate(PropexoSandboxProperties properties, Clock clock, ObjectMapper json) {
      this.properties = properties;
      this.clock = clock;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
      if (token == null || !properties.tokens().contains(token)) {
        reply(response, 401, "unauthorized", "Missing or invalid bearer token");
        return;
      }
      int limit = properties.rateLimit().requestsPerMinute();
      long nowMillis = clock.millis();
      int used;
      long windowEnds;
      synchronized (windows) {
        Window window = windows.computeIfAbsent(token, t -> new Window());
        long minute = nowMillis / 60_000;
        if (window.minute != minute) {
          window.minute = minute;
          window.count = 0;
        }
        windowEnds = (minute + 1) * 60_000;
        if (window.count >= limit) {
          used = -1;
        } else {
          used = ++window.count;
        }
      }
      response.setHeader("x-ratelimit-limit", String.valueOf(limit));
      if (used < 0) {
        response.setHeader("x-ratelimit-remaining", "0");
        // Propexo documents the 429 but not a Retry-After; the sandbox sends one ([ours]) and clients must cope
        // without it too.
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (windowEnds - nowMillis + 999) / 1000)));
        reply(response, 429, "rate_limited", "Rate limit of " + limit + " requests per minute exceeded");
        return;
      }
      response.setHeader("x-ratelimit-remaining", String.valueOf(limit - used));
      if (used >= properties.rateLimit().slowdownFrom() * limit) {
        try {
          Thread.sleep(properties.rateLimit().slowdownDelay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      chain.doFilter(request, response);
    }

    private void reply(HttpServletResponse response, int status, String code, String message) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      json.writeValue(response.getOutputStream(), PropexoError.body(code, message, null));
    }
  }

  private static final class Window {
    long minute;
    int count;
  }
}
