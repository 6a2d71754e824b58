package dev.postings.starter.codec;

import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code postings.codec.*}: which browser origins may call the codec endpoint ({@link CodecController}), e.g. the
 * Temporal UI at {@code https://temporal-ui.example.com}. Empty (the default): none; the Temporal CLI is no browser and
 * needs no origin.
 *
 * @param allowedOrigins exact origins (scheme, host and port), never a pattern
 */
public record CodecSettings(List<String> allowedOrigins) {

  public CodecSettings {
    allowedOrigins = allowedOrigins == null ? List.of()
        : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    for (String origin : allowedOrigins) {
      if (origin.contains("*") || !(origin.startsWith("https://") || origin.startsWith("http://"))) {
        throw new IllegalStateException("postings.codec.allowed-origins: " + origin + " is not an origin such as"
            + " https://temporal-ui.example.com (no wildcards)");
      }
    }
  }

  /**
   * CORS for the codec's routes only, and only for the configured origins: a preflight from one of them is answered
   * without a key (a preflight carries none), the call itself then needs the operator's key like any other.
   * Credentials are allowed so that the UI may go through a single-sign-on proxy that sets a cookie of its own.
   */
  public CorsConfigurationSource corsConfiguration() {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource(PathPatternParser.defaultInstance);
    if (allowedOrigins.isEmpty()) {
      return source; // no configuration: no CORS headers, a browser refuses the answer
    }
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(allowedOrigins);
    codec.setAllowedMethods(List.of("POST"));
    codec.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Api-Key", CodecController.NAMESPACE_HEADER));
    codec.setAllowCredentials(true);
    codec.setMaxAge(600L);
    source.registerCorsConfiguration(CodecController.PATH + "/**", codec);
    return source;
  }
}
