package dev.postings.starter.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.api.ErrorResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api} call needs an API key, in {@code X-Api-Key} or as {@code Authorization: Bearer <key>}. Missing or
 * unknown: 401. A {@code service} key may start postings ({@code POST /api/postings}) and read them ({@code GET});
 * anything else (the actions on a posting, and everything under {@code /api/reversals}) needs an {@code operator} key:
 * 403 otherwise.
 *
 * <p>Other paths have their own authentication and are not touched here: Propexo's webhooks are HMAC-signed by Propexo,
 * the card vault's internal endpoint takes the worker's shared secret, the OpenAPI document and Swagger UI are public.
 *
 * <p>A key is compared with every configured key by its SHA-256 digest with {@link MessageDigest#isEqual} and no early
 * exit, so neither the answer's time nor its content tells how much of a guess was right. Keys are never logged.
 */
public class ApiKeyAuthentication extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthentication.class);
  static final String API_KEY_HEADER = "X-Api-Key";
  private static final String BEARER = "Bearer ";

  private record KnownKey(byte[] digest, ApiCaller caller) {}

  private final List<KnownKey> keys;
  private final ObjectMapper json;

  public ApiKeyAuthentication(List<ApiKey> keys, ObjectMapper json) {
    this.keys = keys.stream().map(key -> new KnownKey(digest(key.key()), new ApiCaller(key.name(), key.role())))
        .toList();
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/api") || path.startsWith("/api/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = presentedKey(request);
    if (presented == null) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, ErrorResponse.withoutFields("unauthorized",
          "an API key is required: send it in the " + API_KEY_HEADER + " header (or Authorization: Bearer <key>)"));
      return;
    }
    ApiCaller caller = identify(presented);
    if (caller == null) {
      log.warn("refused an /api call with an unknown API key ({} {})", request.getMethod(), request.getRequestURI());
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
          ErrorResponse.withoutFields("unauthorized", "the API key is not valid"));
      return;
    }
    if (needsOperator(request) && !caller.role().mayAct()) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorResponse.withoutFields("forbidden",
          "role " + caller.role().label() + " may not act on postings (" + request.getMethod() + " "
              + request.getRequestURI() + " needs role operator)"));
      return;
    }
    request.setAttribute(ApiCaller.ATTRIBUTE, caller);
    chain.doFilter(request, response);
  }

  /**
   * Reading is for everyone with a key, and so is starting a posting; every other call acts on a posting. Reversals
   * are operator work, reading them included.
   */
  private static boolean needsOperator(HttpServletRequest request) {
    String method = request.getMethod();
    if (isUnder(request, OPERATOR_ONLY)) {
      return true;
    }
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean start = method.equals("POST") && (path.equals("/api/postings") || path.equals("/api/postings/"));
    return !start;
  }

  private static final String OPERATOR_ONLY = "/api/reversals";

  /**
   * Whether the call is for {@code prefix} however its path was written: the raw URI with repeated slashes collapsed,
   * and the servlet path the container decoded and normalised (what the controllers are matched against), so that
   * {@code /api//reversals} or {@code /api/%72eversals} is no way around the rule.
   */
  private static boolean isUnder(HttpServletRequest request, String prefix) {
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    for (String path : new String[] {raw, decoded}) {
      if (path.replaceAll("/{2,}", "/").toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String presentedKey(HttpServletRequest request) {
    String key = request.getHeader(API_KEY_HEADER);
    if (key == null) {
      String authorization = request.getHeader("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        key = authorization.substring(BEARER.length());
      }
    }
    return key == null || key.isBlank() ? null : key.trim();
  }

  private ApiCaller identify(String presented) {
    byte[] digest = digest(presented);
    ApiCaller found = null;
    for (KnownKey known : keys) {
      if (MessageDigest.isEqual(known.digest(), digest)) {
        found = known.caller();
      }
    }
    return found;
  }

  private void refuse(HttpServletResponse response, int status, ErrorResponse body) throws IOException {
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
    }
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), body);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
