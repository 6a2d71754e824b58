package dev.postings.callback;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a completion callback may go: the one rule the starter applies when a posting names its {@code callbackUrl}
 * and the worker applies again at every delivery (DNS may answer differently by then).
 *
 * <p>A URL passes when its scheme is https (or http where {@code allowHttp}, the local profile) and every address its
 * host resolves to is public ({@link CallbackAddresses#internal}). A host listed in {@code allowedHosts} passes
 * whatever it resolves to (local receivers of the demo and the tests); {@code localhost} names are refused without
 * asking any resolver, and numeric hosts are read here, never by a resolver. {@link #check} returns the addresses it
 * checked: the delivery connects to exactly those, so a second DNS answer (rebinding) is never used.
 */
public final class CallbackDestinations {

  /** Resolves a host name to its addresses (the system's DNS in production, a fake in tests). */
  @FunctionalInterface
  public interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The JVM's resolver (system DNS, hosts file). */
  public static final HostResolver SYSTEM = InetAddress::getAllByName;

  /** What the caller is told: the same words whatever the reason, so refusals do not map the internal DNS. */
  public static final String NOT_PUBLIC = "must name a host that resolves to public addresses only (internal hosts"
      + " are never called back)";
  public static final String NOT_HTTPS = "must be an https URL";

  /**
   * A URL that passed: where to connect.
   *
   * @param host the URL's host as written (for the Host header and TLS: SNI and certificate verification)
   * @param addresses the addresses checked; the only ones the delivery may connect to
   */
  public record Destination(URI url, String host, List<InetAddress> addresses) {}

  /**
   * A URL that must not be called back.
   *
   * @param publicReason what the caller may be told ({@link #NOT_PUBLIC}, {@link #NOT_HTTPS}, ...)
   * @param detail why, for the worker's log (the kind of address: "loopback", "private"...; never the URL's path)
   */
  public static final class Refused extends Exception {
    private final String publicReason;
    private final String detail;

    Refused(String publicReason, String detail) {
      super(publicReason);
      this.publicReason = publicReason;
      this.detail = detail;
    }

    public String publicReason() {
      return publicReason;
    }

    public String detail() {
      return detail;
    }
  }

  private final Set<String> allowedHosts;
  private final boolean allowHttp;
  private final HostResolver resolver;

  /**
   * @param allowedHosts hosts called back whatever they resolve to ({@code postings.callbacks.allowed-hosts}; empty by
   *     default)
   * @param allowHttp whether plain http is allowed ({@code postings.callbacks.allow-http}: the local profile only)
   */
  public CallbackDestinations(Collection<String> allowedHosts, boolean allowHttp, HostResolver resolver) {
    this.allowedHosts = allowedHosts == null ? Set.of() : allowedHosts.stream()
        .filter(host -> host != null && !host.isBlank())
        .map(CallbackAddresses::normalizedHost)
        .collect(Collectors.toUnmodifiableSet());
    this.allowHttp = allowHttp;
    this.resolver = resolver;
  }

  public boolean allowsHttp() {
    return allowHttp;
  }

  /** Checks the URL and resolves its host once; the answer is the only place the callback may connect to. */
  public Destination check(String url) throws Refused {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException malformed) {
      throw new Refused("must be an absolute http or https URL", "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw new Refused(allowHttp ? "must be an absolute http or https URL" : NOT_HTTPS, "scheme " + scheme);
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new Refused("must be an absolute http or https URL with a host, without user info", "no host");
    }
    return new Destination(uri, uri.getHost(), addressesOf(uri.getHost()));
  }

  /** The addresses the callback may connect to for this host, each one checked. */
  List<InetAddress> addressesOf(String host) throws Refused {
    String normalized = CallbackAddresses.normalizedHost(host);
    boolean allowed = allowedHosts.contains(normalized);
    List<InetAddress> addresses;
    if (CallbackAddresses.isNumeric(normalized)) {
      Optional<InetAddress> literal = CallbackAddresses.literal(normalized);
      if (literal.isEmpty()) {
        throw new Refused(NOT_PUBLIC, "a numeric host that is no address");
      }
      addresses = List.of(literal.get());
    } else if (!CallbackAddresses.isHostName(normalized)) {
      throw new Refused(NOT_PUBLIC, "not a host name");
    } else if (CallbackAddresses.isLocalhostName(normalized) && !allowed) {
      throw new Refused(NOT_PUBLIC, "a localhost name");
    } else {
      try {
        addresses = List.of(resolver.resolve(normalized));
      } catch (UnknownHostException unknown) {
        throw new Refused(NOT_PUBLIC, "the host does not resolve");
      }
      if (addresses.isEmpty()) {
        throw new Refused(NOT_PUBLIC, "the host does not resolve");
      }
    }
    if (!allowed) {
      // every answer must be public: a name that answers one public and one internal address is a rebinding trick
      for (InetAddress address : addresses) {
        Optional<String> internal = CallbackAddresses.internal(address);
        if (internal.isPresent()) {
          throw new Refused(NOT_PUBLIC, "the host resolves to a " + internal.get() + " address");
        }
      }
    }
    return addresses;
  }
}
