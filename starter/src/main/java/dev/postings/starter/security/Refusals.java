package dev.postings.starter.security;

import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.cardvault.CardVaultAuthentication;
import dev.postings.starter.errors.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * How the security chain says no, always in the API's JSON ({@link ErrorResponse}) and never with a page: 401 when the
 * caller is not known (with the credential that route wants: an API key, the card vault secret or Propexo's
 * signature), 403 when its role may not, 400 when the firewall refused the request.
 */
final class Refusals {

  private static final RequestMatcher CARD_VAULT = PathPatternRequestMatcher.withDefaults().matcher("/internal/**");
  private static final RequestMatcher WEBHOOKS = PathPatternRequestMatcher.withDefaults().matcher("/webhooks/**");

  private Refusals() {}

  /** 401 for a request without a credential (or with one that failed), in the words of its route's scheme. */
  static AuthenticationEntryPoint unauthenticated() {
    return (request, response, failure) -> unauthenticated(request, response, failure);
  }

  /** 401 at once for a credential that was presented and is wrong. */
  static AuthenticationFailureHandler wrongCredential() {
    return Refusals::unauthenticated;
  }

  private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    if (CARD_VAULT.matches(request)) {
      response.setHeader("WWW-Authenticate", "Bearer");
      ErrorResponse.of("unauthorized", "Authorization", "the card vault secret is missing or wrong")
          .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    if (WEBHOOKS.matches(request)) {
      ErrorResponse.of("unauthorized", "propexo-signature", "missing or does not match the body")
          .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyConverter.API_KEY_HEADER + "\"");
    boolean presented = failure != null && !(failure instanceof
        org.springframework.security.authentication.InsufficientAuthenticationException);
    ErrorResponse.withoutFields("unauthorized", presented ? "the API key is not valid"
            : "an API key is required: send it in the " + ApiKeyConverter.API_KEY_HEADER
                + " header (or Authorization: Bearer <key>)")
        .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
  }

  /** 403 for a known caller whose role may not call the route (or any route the rules do not name). */
  static AccessDeniedHandler forbidden() {
    return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) -> {
      Authentication caller = SecurityContextHolder.getContext().getAuthentication();
      String who = caller != null && caller.getPrincipal() instanceof ApiCaller api ? "role " + api.role().label()
          : caller instanceof CardVaultAuthentication ? "the card vault secret" : "this caller";
      String path = request.getRequestURI().substring(request.getContextPath().length());
      String needs = path.startsWith("/api/") ? " (it needs role operator)" : "";
      ErrorResponse.withoutFields("forbidden", who + " may not call " + request.getMethod() + " " + path + needs)
          .writeTo(response, HttpServletResponse.SC_FORBIDDEN);
    };
  }

  /**
   * 403 for a browser's CORS request from an origin not configured (the codec's, {@code postings.codec.allowed-origins})
   * in the API's JSON rather than Spring's plain text.
   */
  static CorsProcessor corsRefusal() {
    return new DefaultCorsProcessor() {
      @Override
      protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(ErrorResponse.withoutFields("forbidden", "this origin may not call this route")
            .toJson().getBytes(StandardCharsets.UTF_8));
        response.flush();
      }
    };
  }

  /**
   * 400 for what the strict firewall refused: a path that is not canonical ({@code ;}, an encoded {@code /} or
   * {@code %}, {@code \}, {@code ..}, {@code //}), a method outside the usual ones, a header or parameter with control
   * characters. The firewall's own message is not repeated: it may quote what the caller sent.
   */
  static RequestRejectedHandler firewall() {
    return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) -> {
      String reason = rejected.getMessage() == null ? "" : rejected.getMessage();
      String field = reason.contains("HTTP method") ? "method"
          : reason.contains("header") ? "header"
          : reason.contains("parameter") ? "parameter"
          : "path";
      String message = switch (field) {
        case "method" -> "is not allowed: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS only";
        case "header", "parameter" -> "has a name or value with characters that are not allowed";
        default -> "is not in canonical form: no ';', encoded '/' or '%', '\\', '//', '.' or '..' segments";
      };
      ErrorResponse.of(field, message).writeTo(response, HttpServletResponse.SC_BAD_REQUEST);
    };
  }
}
