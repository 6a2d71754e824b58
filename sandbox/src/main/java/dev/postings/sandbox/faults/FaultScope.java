package dev.postings.sandbox.faults;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The groups of endpoints a fault plan sets odds for: each provider's writes and reads. Propertyware and ResMan are one
 * API (Propexo) and share their reads (write-status, resident payments), so those are one scope of their own.
 */
public enum FaultScope {
  PROPERTYWARE_WRITES("propertyware-writes"),
  RESMAN_WRITES("resman-writes"),
  PROPEXO_READS("propexo-reads"),
  ACQUAINT_WRITES("acquaint-writes"),
  ACQUAINT_READS("acquaint-reads"),
  STOREDGE_WRITES("storedge-writes"),
  STOREDGE_READS("storedge-reads");

  private final String wireName;

  FaultScope(String wireName) {
    this.wireName = wireName;
  }

  /** The name in configuration and in the control endpoint's JSON, e.g. {@code resman-writes}. */
  public String wireName() {
    return wireName;
  }

  /** The scope named {@code name} ({@code resman-writes}, {@code RESMAN_WRITES} and {@code resmanWrites} alike). */
  public static FaultScope of(String name) {
    String wanted = canonical(name);
    return Arrays.stream(values())
        .filter(scope -> canonical(scope.wireName).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown fault scope '" + name + "'; known: "
            + Arrays.stream(values()).map(FaultScope::wireName).toList()));
  }

  private static String canonical(String name) {
    return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  /** The scope of a request to one of the simulated APIs; null for anything else (auth, sandbox controls). */
  static FaultScope of(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length()).toLowerCase(Locale.ROOT);
    boolean post = "POST".equalsIgnoreCase(request.getMethod());
    if (path.startsWith("/v1/")) {
      if (post && path.startsWith("/v1/resident-payments/propertyware_rest")) {
        return PROPERTYWARE_WRITES;
      }
      if (post && path.startsWith("/v1/resident-payments/resman")) {
        return RESMAN_WRITES;
      }
      return PROPEXO_READS;
    }
    if (path.startsWith("/acquaint/17.0/")) {
      boolean write = post && (path.endsWith("/app/tenancy/tenantpayments")
          || path.endsWith("/app/accounts/reveivepaymentforcharge"));
      return write ? ACQUAINT_WRITES : ACQUAINT_READS;
    }
    if (path.startsWith("/storedge/v1/")) {
      return post && path.endsWith("/make_payment") ? STOREDGE_WRITES : STOREDGE_READS;
    }
    return null;
  }

  /**
   * A 5xx or 429 body in the provider's own error shape (docs/providers/, each page's Errors), so clients parse it as
   * they would the real one.
   */
  Map<String, Object> errorBody(int status) {
    boolean limited = status == 429;
    switch (this) {
      case ACQUAINT_WRITES, ACQUAINT_READS -> {
        // ASP.NET's defaults ([ours], as the Acquaint simulator answers elsewhere)
        return Map.of("Message", limited ? "API calls quota exceeded!" : "An error has occurred.");
      }
      case STOREDGE_WRITES, STOREDGE_READS -> {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("status_code", status);
        meta.put("status_message", limited ? "Too Many Requests" : "Internal Server Error");
        meta.put("error_code", limited ? "RateLimited" : "InternalError");
        meta.put("error_message", limited ? "too many requests" : "something went wrong");
        meta.put("request_id", UUID.randomUUID().toString());
        return Map.of("meta", meta);
      }
      default -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", limited ? "rate_limited" : "internal_server_error");
        error.put("message", limited ? "Rate limit exceeded" : "Internal server error");
        return Map.of("error", error);
      }
    }
  }
}
