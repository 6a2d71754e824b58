package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.Routes.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Issue 13: {@code GET /api/postings?olderThan=PT100000000000000000S} and {@code ?cursor=bzotMQ} answered 500. Here
 * every GET route the starter serves (read from Spring MVC's handler mappings, with its query parameters and path
 * variables read from the controller methods) gets well over a thousand bad values, each parameter alone and in seeded
 * random pairs: huge and negative numbers, durations that overflow the clock, forged and malformed cursors, wrong enum
 * values, unicode, overlong strings, repeated parameters. Never a 5xx; every refusal is JSON; a 400 names the parameter
 * at fault (or, for a path the firewall refuses, the path).
 */
class BadQueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 13_2026L;
  private static LocalStack stack;
  private static RawHttp raw;
  private static String realCursor;

  @BeforeAll
  static void start() throws Exception {
    stack = new LocalStack("--sandbox.propexo.job-pending-for=1s");
    raw = new RawHttp(stack.apiUrl.getPort());
    // postings to list (a bound that is not checked fails only where there is something to compare it with), and a
    // real cursor to tamper with
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String postingId = "pw-query-" + UUID.randomUUID().toString().substring(0, 8);
      RawHttp.Answer answer = raw.send("POST", "/api/postings", OperatorApiEndToEndTest.propertyware(postingId,
          "res_1", "QUERY" + i).toString().getBytes(StandardCharsets.UTF_8), "Content-Type: application/json", key());
      assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
      started.add(postingId);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> started.stream().allMatch(postingId -> {
      try {
        return JSON.readTree(raw.send("GET", "/api/postings/" + postingId, null, key()).body()).path("state")
            .asText().equals("CONFIRMED");
      } catch (Exception notYet) {
        return false;
      }
    }));
    realCursor = JSON.readTree(raw.send("GET", "/api/postings?limit=1", null, key()).body()).path("nextCursor")
        .asText();
    assertThat(realCursor).isNotBlank();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static String key() {
    return "X-Api-Key: " + LocalStack.OPERATOR_KEY;
  }

  /** Bad values for any parameter; each is sent URL-encoded as UTF-8. */
  private static List<String> badValues() {
    List<String> values = new ArrayList<>(List.of(
        // numbers: huge, negative, not numbers
        "99999999999999999999", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
        "-1", "0", "-0", "1e309", "NaN", "Infinity", "0x10", "1.5", " 1", "1 ", "+1", "٣",
        // durations that overflow or mean nothing
        "PT100000000000000000S", "P9999999999999999D", "PT-1S", "-PT1H", "999999999999999d", "9223372036854775807s",
        "PT1H,PT2H", "P1Y", "1w", "d", "P", "PT", "3660d1h",
        // cursors: ours forged, ours tampered, base64 broken
        "bzotMQ", b64("o:-1"), b64("o:99999999999"), b64("o:abc"), b64("o:"), b64("t:garbage"), b64("x:1"),
        "====", "A", "%%", "a b", "a+b", "a/b", "QUJD=", realCursor + "x", realCursor.substring(1),
        // enums
        "FOO", "confirmed ", "CONFIRMED,,FOO", ",", " ", "CONFIRMED;DROP", "propertyware_rest", "RESMAN\u0000",
        // quotes and query syntax aimed at a visibility query
        "' OR 1=1 --", "x' OR PostingOwner = 'y", "\"", "\\", "<script>", "${jndi:ldap://127.0.0.1/x}",
        // unicode
        "ÇÖNFİRMED", "ſtate", "💥", "\u202E", "\u200B", "e\u0301", "\uFFFD", "\uD83D\uDE00\uD83D\uDE00", "Ⅻ",
        // empty and overlong
        "", "x".repeat(101), "x".repeat(3000), "9".repeat(400)));
    return values;
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A request: the route's method and target, and the names a 400 may name. */
  private record BadQuery(Route route, String target, Set<String> names) {}

  @Test
  void noBadQueryOnAnyGetRouteIsA5xxAndEvery400NamesTheParameter() throws Exception {
    List<BadQuery> queries = generate();
    assertThat(queries.size()).as("bad queries generated").isGreaterThanOrEqualTo(1000);
    assertThat(queries.stream().map(query -> query.route().template()).distinct())
        .contains("/api/postings", "/api/postings/{postingId}", "/api/postings/{postingId}/timeline",
            "/api/redrive/{redriveId}");

    List<String> wrong = new ArrayList<>();
    for (BadQuery query : queries) {
      RawHttp.Answer answer = raw.send("GET", query.target(), null, key());
      String problem = problemWith(query, answer);
      if (problem != null) {
        wrong.add(query.route() + " " + query.target() + ": " + problem);
      }
    }
    System.out.println("bad queries: " + queries.size() + " sent, " + wrong.size() + " wrongly answered");

    assertThat(wrong).as("wrongly answered bad queries").isEmpty();
  }

  private static String problemWith(BadQuery query, RawHttp.Answer answer) {
    if (answer.status() >= 500) {
      return "a " + answer.status() + ": " + answer;
    }
    if (answer.status() < 400) {
      return null; // a route that ignores the parameter answers as usual (health, the API document, ...)
    }
    if (!answer.isJson()) {
      return "a refusal not in JSON: " + answer;
    }
    if (answer.status() != 400) {
      return null;
    }
    try {
      JsonNode errors = JSON.readTree(answer.body()).path("errors");
      for (JsonNode error : errors) {
        if (query.names().contains(error.path("field").asText())) {
          return null;
        }
      }
      return "the 400 names none of " + query.names() + ": " + answer;
    } catch (Exception notJson) {
      return "body is not JSON: " + answer;
    }
  }

  private static List<BadQuery> generate() {
    List<Route> getRoutes = Routes.of(stack.starter).stream().filter(route -> route.method().equals("GET")).toList();
    List<String> values = badValues();
    Random random = new Random(SEED);
    List<BadQuery> queries = new ArrayList<>();
    for (Route route : getRoutes) {
      List<String> parameters = new ArrayList<>(namesOf(route, RequestParam.class));
      parameters.add("unknownParameter"); // ignored, never a failure
      for (String parameter : parameters) {
        for (String value : values) {
          queries.add(new BadQuery(route, route.samplePath() + "?" + parameter + "=" + encode(value),
              Set.of(parameter)));
        }
        // repeated, and a name without a value
        queries.add(new BadQuery(route, route.samplePath() + "?" + parameter + "=1&" + parameter + "=2",
            Set.of(parameter)));
        queries.add(new BadQuery(route, route.samplePath() + "?" + parameter, Set.of(parameter)));
      }
      for (String variable : namesOf(route, PathVariable.class)) {
        for (String value : values) {
          String path = route.template().replace("{" + variable + "}", encode(value).replace("+", "%20"));
          // a value the firewall refuses in a path (an encoded / or %, a ; ...) is named as the path
          queries.add(new BadQuery(route, Routes.withSamples(path), Set.of(variable, "path")));
        }
      }
      List<String> declared = namesOf(route, RequestParam.class);
      for (int i = 0; declared.size() > 1 && i < 300; i++) {
        String first = declared.get(random.nextInt(declared.size()));
        String second = declared.get(random.nextInt(declared.size()));
        queries.add(new BadQuery(route, route.samplePath() + "?" + first + "="
            + encode(values.get(random.nextInt(values.size()))) + "&" + second + "="
            + encode(values.get(random.nextInt(values.size()))), new LinkedHashSet<>(List.of(first, second))));
      }
    }
    return queries;
  }

  /** The names of the handler method's parameters annotated so (query parameters or path variables). */
  private static List<String> namesOf(Route route, Class<? extends java.lang.annotation.Annotation> kind) {
    Set<String> names = new LinkedHashSet<>();
    for (MethodParameter parameter : route.handler().getMethodParameters()) {
      if (!parameter.hasParameterAnnotation(kind)) {
        continue;
      }
      String name = kind == RequestParam.class ? parameter.getParameterAnnotation(RequestParam.class).name()
          : parameter.getParameterAnnotation(PathVariable.class).name();
      if (name.isEmpty()) {
        parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        name = parameter.getParameterName();
      }
      names.add(name);
    }
    return new ArrayList<>(names);
  }
}
