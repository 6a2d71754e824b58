package dev.postings.starter.bodylimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body by its route family ({@link RequestBodyLimits}): a declared Content-Length over the limit
 * is refused at once with 413, unread; any other body is handed on in a {@link BoundedBodyRequest}, which refuses the
 * first byte past the limit, so a chunked body is bounded while it streams. The families are matched like Spring MVC
 * matches routes (decoded, path parameters removed), inside the security chain, after the firewall has refused paths
 * that are not canonical.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

  private final RequestMatcher webhooks = PathPatternRequestMatcher.withDefaults().matcher("/webhooks/**");
  private final RequestMatcher cardVault = PathPatternRequestMatcher.withDefaults().matcher("/internal/**");
  private final RequestMatcher batches = PathPatternRequestMatcher.withDefaults()
      .matcher(org.springframework.http.HttpMethod.POST, "/api/batches/*");
  private final RequestBodyLimits limits;

  public BodyLimitFilter(RequestBodyLimits limits) {
    this.limits = limits;
  }

  /** The limit of the route family the request is for, in bytes. */
  long limitFor(HttpServletRequest request) {
    if (webhooks.matches(request)) {
      return limits.webhooks().toBytes();
    }
    if (cardVault.matches(request)) {
      return limits.cardVault().toBytes();
    }
    if (batches.matches(request)) {
      return limits.batches().toBytes();
    }
    return limits.api().toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitFor(request);
    if (request.getContentLengthLong() > limit) {
      BodyTooLarge.answer(limit).writeTo(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(new BoundedBodyRequest(request, limit), response);
  }
}
