package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * JSON logs for a log pipeline ({@code logging.structured.format.console=ecs}, i.e.
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): a storEDGE payment by card runs through the whole stack with every
 * line written as ECS JSON; each line is one JSON object; the worker's lines about the posting carry its id, provider
 * and step as fields, from the workflow's threads and the activity's; a starter line written during an API call on the
 * posting carries its id; and neither the card number, nor the security code, nor a credential appears anywhere. (All
 * services share this JVM and so one logging setup: lines are told apart by their logger, not their service name.)
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CARD_NUMBER = "4111111111111111";
  private static final String SECURITY_CODE = "8243";
  /**
   * The local profile's credentials and keys (worker-local.yml, starter-local.yml): none may be logged. (The local
   * starter prints its published development API keys on purpose, once, as a plain line for the operator: they are
   * checked on the log lines only.)
   */
  private static final List<String> SECRETS = List.of("dev-storedge-secret", "dev-propexo-token", "dev-acquaint-key",
      "local-card-vault-secret", "local-callback-secret", "dev-propexo-webhook-secret",
      "vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=");
  private static final List<String> API_KEYS = List.of(LocalStack.SERVICE_KEY, LocalStack.OPERATOR_KEY);

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    // What an operator sets: the structured format. The logback file stands in for the module's logback-test.xml,
    // which Spring Boot would prefer to its own configuration: it is Spring Boot's structured console appender.
    System.setProperty("logging.structured.format.console", "ecs");
    System.setProperty("logging.config", "classpath:json-console-logback.xml");
    stack = new LocalStack();
  }

  @AfterAll
  static void stop() {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      System.clearProperty("logging.structured.format.console");
      System.clearProperty("logging.config");
    }
  }

  @Test
  void linesAreJsonWithThePostingsFieldsAndNoCardDataOrCredentials(CapturedOutput output) throws Exception {
    String postingId = "json-log-0001";
    HttpResponse<String> started = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"),
            LocalStack.SERVICE_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(card(postingId))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(status(postingId).path("state").asText()));
    // the end is logged by the workflow's thread once the run returns
    await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains("posting " + postingId + " ended"));

    // A starter line during an API call on the posting: its status asked for while Temporal is gone (503, logged)
    stack.temporal.close();
    long asked = System.nanoTime();
    HttpResponse<String> unavailable = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unavailable.statusCode()).isEqualTo(503);
    // answered once postings.temporal.give-up-after (10 s) is spent, not after the SDK's default minute of retries
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("time to the 503").isLessThan(Duration.ofSeconds(40));

    String all = output.getAll();
    // as numbers of their own: the same digits inside a longer one (a nanosecond timestamp) are no leak
    assertThat(all).doesNotContainPattern("(?<![0-9])" + CARD_NUMBER + "(?![0-9])")
        .doesNotContainPattern("(?<![0-9])" + SECURITY_CODE + "(?![0-9])")
        .doesNotContain("4111 1111 1111 1111").doesNotContain("4111-1111-1111-1111");
    for (String secret : SECRETS) {
      assertThat(all).as("a credential in the logs").doesNotContain(secret);
    }

    List<JsonNode> lines = new ArrayList<>();
    for (String line : all.split("\n")) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
        for (String key : API_KEYS) {
          assertThat(line).as("an API key in a log line").doesNotContain(key);
        }
      }
    }
    assertThat(lines).as("JSON log lines").hasSizeGreaterThan(10)
        .allSatisfy(line -> assertThat(line.path("message").isTextual()).isTrue());
    List<JsonNode> about = lines.stream().filter(line -> postingId.equals(line.path("postingId").asText())).toList();

    // the provider exchange's line about the storEDGE call (an activity thread): id, provider and the step it was sent at
    assertThat(about).anySatisfy(line -> {
      assertThat(line.path("message").asText()).startsWith("posting " + postingId + ": storEDGE POST");
      assertThat(line.path("provider").asText()).isEqualTo("STOREDGE");
      assertThat(line.path("step").asText()).isEqualTo("SUBMIT");
      assertThat(line.path("log").path("logger").asText()).isEqualTo("dev.postings.providers.ProviderExchange");
    });
    // the workflow's own line (a workflow thread)
    assertThat(about).anySatisfy(line -> {
      assertThat(line.path("message").asText()).isEqualTo("posting " + postingId + " ended CONFIRMED");
      assertThat(line.path("provider").asText()).isEqualTo("STOREDGE");
      assertThat(line.path("step").asText()).as("the step it ended at").isEqualTo("DONE");
    });
    // the starter's line about the failed status call
    assertThat(about).anySatisfy(line -> {
      assertThat(line.path("message").asText()).contains("Temporal is unavailable");
      assertThat(line.path("log").path("logger").asText()).isEqualTo("dev.postings.starter.api.ApiFailures");
    });
  }

  private static JsonNode status(String postingId) throws Exception {
    return JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static String card(String postingId) {
    return """
        {"postingId":"%s","connectionId":"storedge-main","provider":"STOREDGE",
         "amount":{"minor":2000,"currency":"USD"},
         "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-JSON-0001","description":"Unit U25",
         "target":{"facilityId":"a7ccbc47-adde-41e6-a768-874d3d05f415",
                   "ledgerId":"795bcfcd-20d7-4168-93be-10e83e76678e","paymentKind":"CUSTOM",
                   "paymentMethod":{"kind":"CREDIT_CARD","firstName":"Paulina","lastName":"Wehner",
                     "cardType":"visa","cardNumber":"%s","securityCode":"%s",
                     "expirationDate":"10/49",
                     "billingAddress":{"address1":"123 Main St","city":"Springfield","state":"IL",
                                       "postal":"62701","country":"US"}}}}""".formatted(postingId, CARD_NUMBER,
        SECURITY_CODE);
  }
}
