package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.Routes.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the gate compared the raw request URI with "/api/" while Spring MVC routes on the decoded, normalised path,
 * so {@code GET /api;x/postings} and {@code GET /%61pi/postings} answered 200 with every posting, and {@code POST
 * /api;x/postings} started one, without a key. Here every protected route the starter serves (read from Spring MVC's
 * handler mappings, so a new route is covered without touching this test) is sent in every variant of its path, over a
 * raw socket so that the variant reaches the server unchanged: without a key the answer is 401 or 400 in JSON, and no
 * controller method ran and no workflow started; with a service key every operator route is 403 (or 400).
 */
class PathVariantTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The routes a service key may call; every other /api route is for operators. */
  private static final Set<String> SERVICE_ROUTES = Set.of("GET /api/postings", "POST /api/postings",
      "GET /api/postings/{postingId}", "GET /api/postings/{postingId}/timeline", "GET /api/batches",
      "POST /api/batches/{batchId}", "GET /api/batches/{batchId}", "GET /api/batches/{batchId}/results");
  private static StarterOnly app;
  private static List<Route> protectedRoutes;

  @BeforeAll
  static void start() throws Exception {
    app = new StarterOnly();
    protectedRoutes = Routes.of(app.starter).stream().filter(route -> !isPublic(route.template())).toList();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Public by design: the probes' health, the OpenAPI document, Swagger UI, the console's page, the error page. */
  static boolean isPublic(String template) {
    return template.equals("/actuator/health") || template.startsWith("/actuator/health/")
        || template.startsWith("/v3/api-docs") || template.startsWith("/swagger-ui")
        || template.equals("/console") || template.equals("/console/") || template.equals("/error");
  }

  @Test
  void theRouteListHoldsEveryFamilyOfProtectedRoute() {
    List<String> names = protectedRoutes.stream().map(Route::toString).toList();

    assertThat(names).contains("GET /api/postings", "POST /api/postings", "GET /api/postings/{postingId}",
        "POST /api/postings/{postingId}/resolve", "POST /api/postings/{postingId}/retry",
        "POST /api/postings/{postingId}/cancel-waiting", "POST /api/redrive",
        "POST /internal/card-vault/{reference}/redeem", "DELETE /internal/card-vault/{reference}",
        "POST /webhooks/propexo", "GET /actuator/prometheus");
  }

  @Test
  void withoutAKeyEveryVariantOfEveryProtectedRouteIs401Or400AndRunsNothing() throws Exception {
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (Route route : protectedRoutes) {
      for (Map.Entry<String, String> variant : PathVariants.of(route.samplePath()).entrySet()) {
        sent++;
        check(wrong, route, variant.getKey(), send(route.method(), variant.getValue()), Set.of(400, 401));
      }
      for (String method : PathVariants.unusualMethods()) {
        sent++;
        check(wrong, route, method, send(method, route.samplePath()), Set.of(400, 401));
      }
    }
    System.out.println("path variants without a key: " + sent + " requests, " + wrong.size() + " wrongly answered");

    assertThat(wrong).as("variants answered otherwise than 401/400 in JSON").isEmpty();
    assertThat(app.handlers.drain()).as("handlers that ran for a request without a key").isEmpty();
    assertThat(app.workflowIds()).as("workflows started without a key").isEmpty();
  }

  @Test
  void aServiceKeyIsForbiddenEveryOperatorRouteInEveryVariant() throws Exception {
    List<Route> operatorRoutes = protectedRoutes.stream()
        .filter(route -> route.template().startsWith("/api/") && !SERVICE_ROUTES.contains(route.toString()))
        .toList();
    assertThat(operatorRoutes).extracting(Route::toString).contains("POST /api/postings/{postingId}/approve",
        "POST /api/postings/{postingId}/reverse", "POST /api/postings/{postingId}/reject", "POST /api/redrive");

    List<String> wrong = new ArrayList<>();
    for (Route route : operatorRoutes) {
      for (Map.Entry<String, String> variant : PathVariants.of(route.samplePath()).entrySet()) {
        RawHttp.Answer answer = send(route.method(), variant.getValue(), "X-Api-Key: " + LocalStack.SERVICE_KEY);
        check(wrong, route, variant.getKey(), answer, Set.of(400, 403));
        if (answer.status() == 403 && !JSON.readTree(answer.body()).path("error").asText().equals("forbidden")) {
          wrong.add(route + " [" + variant.getKey() + "]: not the forbidden answer: " + answer);
        }
      }
    }

    assertThat(wrong).as("operator routes a service key was not refused").isEmpty();
    assertThat(app.handlers.drain()).as("handlers that ran for a service key on an operator route").isEmpty();
    assertThat(app.workflowIds()).isEmpty();
  }

  private static RawHttp.Answer send(String method, String target, String... headers) throws Exception {
    List<String> all = new ArrayList<>(List.of(headers));
    byte[] body = null;
    if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      // a body that would be worth something if it got through: the start of a posting
      body = ("{\"postingId\":\"pw-variant-" + Math.abs(target.hashCode()) + "\",\"connectionId\":\"propexo-main\",\"provider\":\"PROPERTYWARE\","
          + "\"amount\":{\"minor\":100,\"currency\":\"USD\"},\"transactionDate\":\"2024-01-15\","
          + "\"paymentType\":\"CHECK\",\"referenceNumber\":\"VARIANT\",\"target\":{\"integrationId\":\"intg_1\","
          + "\"leaseId\":\"l1\",\"residentId\":\"res_1\",\"financialAccountId\":\"fa_1\"}}")
          .getBytes(StandardCharsets.UTF_8);
      all.add("Content-Type: application/json");
    }
    return app.raw.send(method, target, body, all.toArray(String[]::new));
  }

  private static void check(List<String> wrong, Route route, String variant, RawHttp.Answer answer,
      Set<Integer> expected) {
    String where = route + " [" + variant + "]";
    if (!expected.contains(answer.status())) {
      wrong.add(where + ": " + answer);
      return;
    }
    if (!answer.isJson()) {
      wrong.add(where + ": not JSON: " + answer);
      return;
    }
    if (!answer.body().isEmpty()) { // HEAD has no body
      try {
        JsonNode body = JSON.readTree(answer.body());
        if (body.path("error").asText().isBlank()) {
          wrong.add(where + ": no error in the JSON: " + answer);
        }
      } catch (Exception notJson) {
        wrong.add(where + ": body is not JSON: " + answer);
      }
    }
  }
}
