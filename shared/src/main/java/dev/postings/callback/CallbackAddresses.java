package dev.postings.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a completion callback may never reach, and how a URL's host is read. Pure functions over addresses
 * and host strings: nothing here resolves a name or opens a connection.
 *
 * <p>An address is internal when it is loopback, link-local, private (RFC 1918), shared (RFC 6598), unique-local
 * (fc00::/7), multicast, unspecified, broadcast or otherwise reserved; IPv6 forms that carry an IPv4 address (mapped,
 * compatible, 6to4, NAT64) are judged by that IPv4 address, and Teredo (whose real endpoints are obfuscated) is refused.
 *
 * <p>Host spellings: IPv4 is read the way the C library's {@code inet_aton} reads it (one to four parts, each decimal,
 * octal with a leading {@code 0} or hex with {@code 0x}: {@code 2130706433}, {@code 0177.1}, {@code 0x7f.0.0.1} are all
 * 127.0.0.1), because that is how the system resolver would read them if they reached it. A host whose every label
 * starts with a digit is numeric: it is read here or refused, never handed to a resolver.
 */
public final class CallbackAddresses {

  private CallbackAddresses() {}

  /** Lower case, without IPv6 brackets and without trailing dots ({@code LOCALHOST.} is {@code localhost}). */
  public static String normalizedHost(String host) {
    String normalized = host.trim().toLowerCase(Locale.ROOT);
    if (normalized.startsWith("[") && normalized.endsWith("]")) {
      normalized = normalized.substring(1, normalized.length() - 1);
    }
    while (normalized.endsWith(".")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized;
  }

  /** {@code localhost} and every name under it (RFC 6761: they resolve to loopback, whatever DNS says). */
  public static boolean isLocalhostName(String normalizedHost) {
    return normalizedHost.equals("localhost") || normalizedHost.endsWith(".localhost")
        || normalizedHost.equals("localhost.localdomain") || normalizedHost.equals("ip6-localhost")
        || normalizedHost.equals("ip6-loopback");
  }

  /** Every label starts with a digit (no DNS name ends so: top-level domains start with a letter), or it is IPv6. */
  public static boolean isNumeric(String normalizedHost) {
    if (normalizedHost.contains(":")) {
      return true;
    }
    if (normalizedHost.isEmpty()) {
      return false;
    }
    for (String label : normalizedHost.split("\\.", -1)) {
      // an empty label (1..1) is no name either: it is judged as a (malformed) number
      if (!label.isEmpty() && !Character.isDigit(label.charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** Letters, digits, hyphens and underscores in non-empty dot-separated labels (IDNs in their ASCII form). */
  public static boolean isHostName(String normalizedHost) {
    return normalizedHost.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*") && normalizedHost.length() <= 253;
  }

  /**
   * The address a numeric host spells ({@link #isNumeric}); empty when it spells none (then it must be refused, not
   * resolved).
   */
  public static Optional<InetAddress> literal(String normalizedHost) {
    if (normalizedHost.contains(":")) {
      // an IPv6 literal: InetAddress parses text with a colon without any lookup; a zone (%eth0) is not ours to use
      if (normalizedHost.contains("%") || !normalizedHost.matches("[0-9a-f:.]+")) {
        return Optional.empty();
      }
      try {
        return Optional.of(InetAddress.getByName(normalizedHost));
      } catch (UnknownHostException | IllegalArgumentException malformed) {
        return Optional.empty();
      }
    }
    return ipv4(normalizedHost).map(CallbackAddresses::ipv4Address);
  }

  /** inet_aton: a (32 bits), a.b (8.24), a.b.c (8.8.16), a.b.c.d (8.8.8.8); each part decimal, 0octal or 0xhex. */
  static Optional<Long> ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Optional<Long> value = number(parts[i]);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values[i] = value.get();
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 0xff) {
        return Optional.empty();
      }
      address |= values[i] << (24 - 8 * i);
    }
    int lastBits = 32 - 8 * (parts.length - 1);
    long last = values[parts.length - 1];
    if (last >= (1L << lastBits)) {
      return Optional.empty();
    }
    return Optional.of(address | last);
  }

  private static Optional<Long> number(String part) {
    if (part.isEmpty() || part.length() > 12) {
      return Optional.empty();
    }
    try {
      if (part.startsWith("0x")) {
        return part.length() == 2 ? Optional.empty() : Optional.of(Long.parseLong(part.substring(2), 16));
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Optional.of(Long.parseLong(part.substring(1), 8));
      }
      return Optional.of(Long.parseLong(part, 10));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private static InetAddress ipv4Address(long value) {
    byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Why a callback must not go to this address ("loopback", "private", ...), or empty when it is a public address.
   */
  public static Optional<String> internal(InetAddress address) {
    if (address instanceof Inet4Address) {
      return internalIpv4(toLong(address.getAddress(), 0));
    }
    if (address instanceof Inet6Address) {
      return internalIpv6(address.getAddress());
    }
    return Optional.of("unknown address family");
  }

  private static Optional<String> internalIpv4(long a) {
    if (in(a, "0.0.0.0", 8)) {
      return Optional.of("unspecified");
    }
    if (in(a, "127.0.0.0", 8)) {
      return Optional.of("loopback");
    }
    if (in(a, "10.0.0.0", 8) || in(a, "172.16.0.0", 12) || in(a, "192.168.0.0", 16)) {
      return Optional.of("private");
    }
    if (in(a, "100.64.0.0", 10)) {
      return Optional.of("private (shared address space)");
    }
    if (in(a, "169.254.0.0", 16)) {
      return Optional.of("link-local");
    }
    if (in(a, "224.0.0.0", 4)) {
      return Optional.of("multicast");
    }
    if (a == 0xffffffffL) {
      return Optional.of("broadcast");
    }
    if (in(a, "240.0.0.0", 4) || in(a, "192.0.0.0", 24) || in(a, "192.0.2.0", 24) || in(a, "198.18.0.0", 15)
        || in(a, "198.51.100.0", 24) || in(a, "203.0.113.0", 24)) {
      return Optional.of("reserved");
    }
    return Optional.empty();
  }

  private static Optional<String> internalIpv6(byte[] b) {
    boolean firstTwelveZero = true;
    for (int i = 0; i < 12; i++) {
      firstTwelveZero &= b[i] == 0;
    }
    if (firstTwelveZero) {
      long last = toLong(b, 12);
      if (last == 0) {
        return Optional.of("unspecified");
      }
      if (last == 1) {
        return Optional.of("loopback");
      }
      // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks to the IPv4 address)
      return internalIpv4(last).or(() -> Optional.of("reserved (IPv4-compatible)"));
    }
    int first16 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    if (isMapped(b)) {
      return internalIpv4(toLong(b, 12));
    }
    if (first16 == 0x0064 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      // NAT64 64:ff9b::/96 carries the IPv4 address in its last 32 bits; 64:ff9b:1::/48 is for local use
      boolean wellKnown = true;
      for (int i = 4; i < 12; i++) {
        wellKnown &= b[i] == 0;
      }
      return wellKnown ? internalIpv4(toLong(b, 12)) : Optional.of("private (local-use NAT64)");
    }
    if (first16 == 0x2002) {
      // 6to4: 2002:AABB:CCDD::/48 tunnels to the IPv4 address AA.BB.CC.DD
      return internalIpv4(toLong(b, 2));
    }
    if (first16 == 0x2001 && b[2] == 0 && b[3] == 0) {
      return Optional.of("reserved (Teredo)");
    }
    if (first16 == 0x2001 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
      return Optional.of("reserved (documentation)");
    }
    if (first16 == 0x0100 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
      return Optional.of("reserved (discard)");
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Optional.of("unique-local");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return Optional.of("link-local");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return Optional.of("private (site-local)");
    }
    if ((b[0] & 0xff) == 0xff) {
      return Optional.of("multicast");
    }
    return Optional.empty();
  }

  /** ::ffff:a.b.c.d (Java turns most of these into Inet4Address already; raw bytes may still carry one). */
  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static long toLong(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xffL) << 24) | ((bytes[offset + 1] & 0xffL) << 16) | ((bytes[offset + 2] & 0xffL) << 8)
        | (bytes[offset + 3] & 0xffL);
  }

  private static boolean in(long address, String network, int prefix) {
    long base = ipv4(network).orElseThrow();
    long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    return (address & mask) == (base & mask);
  }
}
