package dev.postings.starter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ways one path can be written so that a router that decodes and normalises (Spring MVC, or a proxy) may take it
 * for the same route while a check comparing strings does not: every trick of the issue, at every segment and slash.
 */
final class PathVariants {

  private PathVariants() {}

  /** Label of the trick to the request target, the path itself first ("as mapped"). */
  static Map<String, String> of(String path) {
    String[] segments = path.substring(1).split("/", -1);
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("as mapped", path);
    for (int i = 0; i < segments.length; i++) {
      variants.put(";x in segment " + i, join(segments, i, segments[i] + ";x"));
      variants.put(";jsessionid in segment " + i, join(segments, i, segments[i] + ";jsessionid=abc"));
      int letter = firstLetter(segments[i]);
      if (letter >= 0) {
        for (String format : List.of("%%%02x", "%%%02X")) {
          String encoded = String.format(format, (int) segments[i].charAt(letter));
          variants.put("percent-encoded letter " + encoded + " in segment " + i, join(segments, i,
              segments[i].substring(0, letter) + encoded + segments[i].substring(letter + 1)));
        }
      }
      variants.put("encoded percent in segment " + i, join(segments, i, segments[i] + "%2561"));
      variants.put("upper case segment " + i, join(segments, i, segments[i].toUpperCase(Locale.ROOT)));
    }
    for (int slash = 0; slash < segments.length; slash++) {
      variants.put("double slash before segment " + slash, slashed(segments, slash, "//"));
      variants.put("/./ before segment " + slash, slashed(segments, slash, "/./"));
      variants.put("/x/../ before segment " + slash, slashed(segments, slash, "/x/../"));
      variants.put("/%2e/ before segment " + slash, slashed(segments, slash, "/%2e/"));
      if (slash > 0) {
        variants.put("%2F before segment " + slash, slashed(segments, slash, "%2F"));
        variants.put("%2f before segment " + slash, slashed(segments, slash, "%2f"));
        variants.put("backslash before segment " + slash, slashed(segments, slash, "\\"));
        variants.put("%5C before segment " + slash, slashed(segments, slash, "%5C"));
      }
    }
    variants.put("trailing slash", path + "/");
    variants.put("trailing /.", path + "/.");
    variants.put("upper case", path.toUpperCase(Locale.ROOT));
    variants.put("query-like ;x at the end", path + ";x?y=1");
    return variants;
  }

  private static int firstLetter(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if (Character.isLetter(segment.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The path with segment {@code at} replaced. */
  private static String join(String[] segments, int at, String replacement) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      path.append('/').append(i == at ? replacement : segments[i]);
    }
    return path.toString();
  }

  /** The path with the slash before segment {@code at} replaced by {@code separator}. */
  private static String slashed(String[] segments, int at, String separator) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      path.append(i == at ? separator : "/").append(segments[i]);
    }
    return path.toString();
  }

  static List<String> unusualMethods() {
    return new ArrayList<>(List.of("HEAD", "OPTIONS", "TRACE"));
  }
}
