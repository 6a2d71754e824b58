package dev.postings.starter.webhook;

import dev.postings.starter.bodylimit.BodyTooLarge;
import dev.postings.starter.bodylimit.BufferedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Propexo's webhooks in the security chain: the signature is over the body, so this filter reads the
 * body, once, through the body limit of its route (a body over it is refused with 413 before the rest is read), checks
 * the signature ({@link PropexoSignatureCheck}), and hands the body on to the controller in memory ({@link
 * BufferedBody}). A missing or wrong signature leaves the request unauthenticated: the authorization rules refuse it
 * with 401, and the controller never runs.
 */
public final class PropexoSignatureFilter extends OncePerRequestFilter {

  static final String SIGNATURE_HEADER = "propexo-signature";
  private static final Logger log = LoggerFactory.getLogger(PropexoSignatureFilter.class);

  private final RequestMatcher webhook = PathPatternRequestMatcher.withDefaults()
      .matcher(org.springframework.http.HttpMethod.POST, "/webhooks/propexo");
  private final AuthenticationManager signatures;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  public PropexoSignatureFilter(AuthenticationManager signatures) {
    this.signatures = signatures;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !webhook.matches(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String signature = request.getHeader(SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      log.warn("refused a Propexo webhook without a signature");
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (BodyTooLarge tooLarge) {
      tooLarge.answer().writeTo(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    try {
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(signatures.authenticate(PropexoWebhookAuthentication.presented(body, signature)));
      contexts.setContext(context);
    } catch (AuthenticationException wrong) {
      log.warn("refused a Propexo webhook whose signature does not match its body");
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }
}
