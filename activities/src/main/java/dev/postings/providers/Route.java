package dev.postings.providers;

import dev.postings.workflow.FailureKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One call's method and path. The {@code template} names the route ({@code GET /v1/{id}/ledgers/{id}}) wherever a
 * bounded name is needed, in the {@code operation} tag of the provider-call metric; the {@code path} is the template
 * with its placeholders filled and the query added, and is what is sent. A caller's values (a ledger id, a job id)
 * reach the path only, never a metric: they would make one time series per record.
 *
 * <p>Placeholders are written {@code {id}} by convention, whatever they hold, so that the operation tags stay what
 * dashboards and alert rules already select on.
 *
 * @param method the HTTP method
 * @param template the path with a placeholder ({@code {...}}) for each value from a caller
 * @param path the path sent: placeholders filled, each value encoded as one path segment, then the query if any
 */
public record Route(String method, String template, String path) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]*}");

  public Route {
    if (method == null || method.isBlank() || template == null || !template.startsWith("/") || path == null) {
      throw new IllegalArgumentException("a route needs a method and a path template starting with /, was "
          + method + " " + template);
    }
  }

  /** {@code template} with its placeholders filled by {@code values}, in order, each encoded as one path segment. */
  public static Route of(String method, String template, Object... values) {
    Matcher placeholders = PLACEHOLDER.matcher(template == null ? "" : template);
    StringBuilder path = new StringBuilder();
    int filled = 0;
    while (placeholders.find()) {
      if (filled == values.length) {
        throw new IllegalArgumentException(template + " has more placeholders than the " + values.length
            + " values given");
      }
      placeholders.appendReplacement(path, Matcher.quoteReplacement(segment(values[filled++])));
    }
    if (filled != values.length) {
      throw new IllegalArgumentException(template + " has " + filled + " placeholders, " + values.length
          + " values given");
    }
    placeholders.appendTail(path);
    return new Route(method, template, path.toString());
  }

  /** This route with {@code parameters} as its query, form-encoded in their order; null values are left out. */
  public Route withQuery(Map<String, ?> parameters) {
    String query = parameters.entrySet().stream()
        .filter(parameter -> parameter.getValue() != null)
        .map(parameter -> form(parameter.getKey()) + "=" + form(String.valueOf(parameter.getValue())))
        .collect(Collectors.joining("&"));
    return query.isEmpty() ? this : new Route(method, template, pathWithoutQuery() + "?" + query);
  }

  /** {@code METHOD template}: the {@code operation} tag of the provider-call metric. */
  public String operation() {
    return method + " " + template;
  }

  /** {@code METHOD path} without the query: how logs and failure messages name the call. */
  public String what() {
    return method + " " + pathWithoutQuery();
  }

  /** The path sent, without its query. */
  public String pathWithoutQuery() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /**
   * A value as one path segment: percent-encoded (a {@code /} or {@code ?} in it cannot leave its segment), a space as
   * {@code %20} (a {@code +} is a plus in a path). An empty value, {@code .} or {@code ..} would address another
   * resource than the route's, so it is refused before anything is sent: REJECTED, since no retry changes it.
   */
  private static String segment(Object value) {
    String text = value == null ? "" : String.valueOf(value);
    if (text.isEmpty() || text.equals(".") || text.equals("..")) {
      throw ProviderFailures.failure(FailureKind.REJECTED, "'" + text + "' cannot be a path segment of a provider"
          + " call; nothing was sent", null, null);
    }
    return form(text).replace("+", "%20");
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
