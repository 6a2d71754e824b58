package dev.postings.starter.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the API key a caller presents: {@code X-Api-Key: <key>}, or {@code Authorization: Bearer <key>} (the scheme's
 * name in any case). No key: no authentication (the request goes on as anonymous, and is refused with 401 wherever a
 * key is needed).
 */
final class ApiKeyConverter implements AuthenticationConverter {

  static final String API_KEY_HEADER = "X-Api-Key";
  private static final String BEARER = "Bearer ";

  @Override
  public Authentication convert(HttpServletRequest request) {
    String key = request.getHeader(API_KEY_HEADER);
    if (key == null) {
      String authorization = request.getHeader("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        key = authorization.substring(BEARER.length());
      }
    }
    return key == null || key.isBlank() ? null : ApiKeyAuthentication.presented(key.trim());
  }
}
