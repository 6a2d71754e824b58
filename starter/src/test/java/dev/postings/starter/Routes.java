package dev.postings.starter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the starter serves, read from Spring MVC's own handler mappings (the controllers' and the actuator's), so
 * that a route added tomorrow is in every test that walks this list without anyone adding it there.
 */
final class Routes {

  /** One method on one path template, e.g. {@code POST /api/postings/{postingId}/resolve}. */
  record Route(String method, String template, HandlerMethod handler) {

    /** The template with its variables filled in with harmless sample values. */
    String samplePath() {
      return withSamples(template);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /** A path template with its variables filled in with harmless sample values. */
  static String withSamples(String template) {
    Matcher variable = VARIABLE.matcher(template);
    StringBuilder path = new StringBuilder();
    while (variable.find()) {
      variable.appendReplacement(path, Matcher.quoteReplacement(
          SAMPLE_VALUES.getOrDefault(variable.group(1), "sample1")));
    }
    variable.appendTail(path);
    // "/actuator/health/**": the route itself
    return path.toString().replace("/**", "");
  }

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
  private static final Map<String, String> SAMPLE_VALUES = Map.of(
      "postingId", "pw-variant-1",
      "reference", "cv_variant",
      "redriveId", "postings-redrive-now-variant");

  /** What MVC calls "any method": a test sends the ones a caller would. */
  private static final List<String> ANY_METHOD = List.of("GET", "POST");

  private Routes() {}

  static List<Route> of(ApplicationContext context) {
    Set<String> seen = new TreeSet<>();
    List<Route> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
        .values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
        RequestMappingInfo info = entry.getKey();
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names = methods.isEmpty() ? ANY_METHOD : methods.stream().map(RequestMethod::name).toList();
        for (String template : info.getPatternValues()) {
          for (String method : names) {
            if (seen.add(method + " " + template)) {
              routes.add(new Route(method, template, entry.getValue()));
            }
          }
        }
      }
    }
    routes.sort(Comparator.comparing(Route::template).thenComparing(Route::method));
    return routes;
  }
}
