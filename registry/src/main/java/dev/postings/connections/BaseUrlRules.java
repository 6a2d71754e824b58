package dev.postings.connections;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which base URLs a deployment accepts for its connections. A connection's base URL is where the worker sends the
 * customer's credentials, so it is checked when the connection is created: http(s) only, a host, no user info, query or
 * fragment; https only unless the deployment allows http; loopback hosts only where the deployment says so (the local
 * stack, whose providers are the sandbox).
 *
 * @param allowHttp plain http base URLs (the local profile)
 * @param loopbackOnly only 127.0.0.1, ::1 or localhost (the local profile)
 */
public record BaseUrlRules(boolean allowHttp, boolean loopbackOnly) {

  /** Production: https to any host. */
  public static final BaseUrlRules PRODUCTION = new BaseUrlRules(false, false);
  /** The local stack: http or https, loopback only. */
  public static final BaseUrlRules LOCAL = new BaseUrlRules(true, true);

  private static final int MAX_LENGTH = 2_000;

  /** @throws ConnectionInvalid naming {@code baseUrl} */
  public String check(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new ConnectionInvalid("baseUrl", "is required");
    }
    if (baseUrl.length() > MAX_LENGTH) {
      throw new ConnectionInvalid("baseUrl", "must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException notAUri) {
      throw new ConnectionInvalid("baseUrl", "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw new ConnectionInvalid("baseUrl", allowHttp ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new ConnectionInvalid("baseUrl", "must have a host and no user info, query or fragment");
    }
    if (loopbackOnly && !loopback(uri.getHost())) {
      throw new ConnectionInvalid("baseUrl", "must be a loopback host (127.0.0.1, ::1, localhost) in this deployment");
    }
    return baseUrl;
  }

  /** Loopback by the literal written, never by a DNS lookup (a name could resolve elsewhere later). */
  private static boolean loopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (java.net.UnknownHostException notALiteral) {
      return false;
    }
  }
}
