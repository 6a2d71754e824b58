package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every {@code curl} to the starter that the documentation (README.md, docs/, the runbook) shows is a call the starter
 * answers: a route its controllers map (or an actuator endpoint it exposes) for that method, with the API key the front
 * door demands ({@code X-Api-Key} or {@code Authorization: Bearer}; a service key only on the routes role service may
 * call), and a JSON body with its {@code Content-Type} where the route consumes JSON. The routes are read from the
 * controllers' own mappings, not from a list. Calls to the sandbox (port 8090) are the sandbox's and not checked here.
 */
class DocumentedApiCallsTest {

  private static final Set<String> FLAGS_WITH_VALUE = Set.of("-X", "--request", "-H", "--header", "-d", "--data",
      "--data-raw", "--data-binary", "-o", "--output", "-w", "--write-out", "-u", "--user", "--max-time", "-m");
  private static final Pattern STARTER = Pattern.compile("^(?:https?://)?(?:\\$\\{?URL}?|\\$\\{?STARTER}?"
      + "|(?:localhost|127\\.0\\.0\\.1):(?:8080|\\$\\{?STARTER_PORT}?))(/[^?#]*)?");
  private static final Pattern SANDBOX = Pattern.compile("^(?:https?://)?(?:localhost|127\\.0\\.0\\.1):8090\\b");
  /** FrontDoorSecurity: the routes a service key may call; every other API route is the operator's. */
  private static final List<Route> SERVICE_ROUTES = List.of(route("GET", "/api/postings"),
      route("POST", "/api/postings"), route("GET", "/api/postings/{postingId}"),
      route("GET", "/api/postings/{postingId}/timeline"), route("GET", "/api/batches"),
      route("POST", "/api/batches/{batchId}"), route("GET", "/api/batches/{batchId}"),
      route("GET", "/api/batches/{batchId}/results"));
  /** FrontDoorSecurity: what anyone may call without a key. */
  private static final List<Route> PUBLIC_ROUTES = List.of(route("GET", "/actuator/health"),
      route("GET", "/actuator/health/**"), route("GET", "/v3/api-docs"), route("GET", "/swagger-ui.html"),
      route("GET", "/console"), route("GET", "/console/**"));

  record Route(Set<String> methods, PathPattern path, List<String> consumes) {

    boolean consumesJson() {
      return consumes.contains("application/json");
    }

    boolean matches(String method, String path) {
      return (methods.isEmpty() || methods.contains(method)) && this.path.matches(PathContainer.parsePath(path));
    }
  }

  @Test
  void everyDocumentedCallToTheStarterIsARouteItAnswersWithTheKeyItDemands() throws Exception {
    List<Route> routes = starterRoutes();
    assertThat(routes).as("routes of the starter's controllers").hasSizeGreaterThan(15);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path page : DocCommands.pages()) {
      for (DocCommands.Command command : DocCommands.in(page, "curl")) {
        Call call = Call.of(expanded(command.words(), page));
        if (call.url() == null || SANDBOX.matcher(call.url()).find()) {
          continue;
        }
        checked++;
        String problem = problem(call, routes);
        if (problem != null) {
          wrong.add(command + "\n    " + problem);
        }
      }
    }
    assertThat(checked).as("documented calls to the starter").isGreaterThan(20);
    assertThat(wrong).as("documented curl calls the starter would refuse").isEmpty();
  }

  private static String problem(Call call, List<Route> routes) {
    Matcher starter = STARTER.matcher(call.url());
    if (!starter.find()) {
      return "calls neither the starter ($URL, localhost:8080) nor the sandbox (localhost:8090): " + call.url();
    }
    String path = starter.group(1) == null ? "/" : starter.group(1);
    Route route = routes.stream().filter(candidate -> candidate.matches(call.method(), path)).findFirst().orElse(null);
    if (route == null) {
      return "the starter maps no " + call.method() + " " + path;
    }
    boolean open = PUBLIC_ROUTES.stream().anyMatch(candidate -> candidate.matches(call.method(), path));
    String key = call.key();
    if (!open && key == null) {
      return call.method() + " " + path + " needs an API key: -H \"X-Api-Key: $OPS\" (or Authorization: Bearer)";
    }
    if (key != null && key.contains("$SVC")
        && SERVICE_ROUTES.stream().noneMatch(candidate -> candidate.matches(call.method(), path))) {
      return call.method() + " " + path + " is refused to a service key: it needs an operator key ($OPS)";
    }
    if (call.body() != null) {
      if (route.consumes().isEmpty()) {
        return call.method() + " " + path + " takes no body";
      }
      String type = call.contentType();
      if (type == null || !route.consumes().contains(type)) {
        return "a body for " + path + " needs -H 'Content-Type: " + String.join("' or '", route.consumes())
            + "' (415 otherwise)";
      }
      if (!type.equals("application/json") || call.body().startsWith("@")) {
        // a file (a batch) is the caller's: only its content type is the route's to judge
        return null;
      }
      try {
        new ObjectMapper().readTree(call.body());
      } catch (IOException notJson) {
        return "the body is no JSON: " + notJson.getMessage().lines().findFirst().orElse("");
      }
    } else if (route.consumesJson() && call.method().equals("POST")) {
      return "POST " + path + " reads a JSON body: give one (-d '{}' at least) with its Content-Type";
    }
    return null;
  }

  /** One curl command line, read as curl reads it. */
  record Call(String method, String url, List<String> headers, String body) {

    static Call of(List<String> words) {
      String method = null;
      String url = null;
      String body = null;
      List<String> headers = new ArrayList<>();
      for (int i = 1; i < words.size(); i++) {
        String word = words.get(i);
        if (FLAGS_WITH_VALUE.contains(word) && i + 1 < words.size()) {
          String value = words.get(++i);
          switch (word) {
            case "-X", "--request" -> method = value.toUpperCase(Locale.ROOT);
            case "-H", "--header" -> headers.add(value);
            case "-d", "--data", "--data-raw", "--data-binary" -> body = value;
            default -> { }
          }
        } else if (!word.startsWith("-") && url == null) {
          url = word;
        }
      }
      return new Call(method != null ? method : body != null ? "POST" : "GET", url, headers, body);
    }

    String key() {
      return headers.stream().filter(header -> header.toLowerCase(Locale.ROOT).startsWith("x-api-key:")
          || header.toLowerCase(Locale.ROOT).startsWith("authorization: bearer ")).findFirst().orElse(null);
    }

    /** The media type the call sends, without parameters; null when it names none. */
    String contentType() {
      return headers.stream().map(header -> header.toLowerCase(Locale.ROOT).replace(" ", ""))
          .filter(header -> header.startsWith("content-type:"))
          .map(header -> header.substring("content-type:".length()).split(";")[0]).findFirst().orElse(null);
    }
  }

  /** {@code "${H[@]}"}: the words of the page's {@code H=(...)}. */
  private static List<String> expanded(List<String> words, Path page) throws IOException {
    if (!words.contains("${H[@]}")) {
      return words;
    }
    Matcher array = Pattern.compile("(?m)^\\s*H=\\((.*)\\)\\s*$").matcher(Files.readString(page));
    assertThat(array.find()).as("%s uses ${H[@]} and defines H=(...)", page).isTrue();
    List<String> result = new ArrayList<>();
    for (String word : words) {
      if (word.equals("${H[@]}")) {
        result.addAll(DocCommands.words(array.group(1)));
      } else {
        result.add(word);
      }
    }
    return result;
  }

  /** The routes of the starter's controllers, from their mappings, and the actuator endpoints it exposes. */
  static List<Route> starterRoutes() throws Exception {
    List<Route> routes = new ArrayList<>();
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
    for (BeanDefinition candidate : scanner.findCandidateComponents("dev.postings.starter")) {
      Class<?> controller = Class.forName(candidate.getBeanClassName());
      RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      List<String> prefixes = base == null || base.path().length == 0 ? List.of("") : List.of(base.path());
      for (Method method : controller.getDeclaredMethods()) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        String[] consumes = mapping.consumes().length > 0 ? mapping.consumes()
            : base == null ? new String[0] : base.consumes();
        List<String> types = List.of(consumes);
        List<String> paths = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
        Set<String> methods = Set.copyOf(List.of(mapping.method()).stream().map(RequestMethod::name).toList());
        for (String prefix : prefixes) {
          for (String path : paths) {
            routes.add(new Route(methods, PathPatternParser.defaultInstance.parse(prefix + path), types));
          }
        }
      }
    }
    Matcher exposed = Pattern.compile("(?m)^\\s+include:\\s*([a-z,]+)")
        .matcher(Files.readString(OpsFiles.root().resolve("starter/src/main/resources/starter.yml")));
    assertThat(exposed.find()).as("management.endpoints.web.exposure.include in starter.yml").isTrue();
    for (String endpoint : exposed.group(1).split(",")) {
      routes.add(route("GET", "/actuator/" + endpoint));
      routes.add(route("GET", "/actuator/" + endpoint + "/**"));
    }
    routes.addAll(PUBLIC_ROUTES.subList(2, PUBLIC_ROUTES.size()));
    return routes;
  }

  private static Route route(String method, String pattern) {
    return new Route(Set.of(method), PathPatternParser.defaultInstance.parse(pattern), List.of());
  }
}
