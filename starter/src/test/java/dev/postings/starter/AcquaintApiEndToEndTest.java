package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acquaint postings through the starter API, embedded Temporal, a worker and the Acquaint sandbox's default fixtures,
 * all over the network. The bodies are the ones docs/scenarios.md's Acquaint scenario shows.
 */
class AcquaintApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  /** Rent item 5001 (tenancy 301, £950.00 due) paid in full. */
  static final String RENT = """
      {"postingId":"aq-rent-0001","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":95000,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"BACS-2026-03-0001","description":"March rent",
       "target":{"operation":"RENT","rentItemId":5001,"tenancyId":301,"bankAccountId":1,
                 "receivedFromContactId":401,"landlordId":4}}""";

  /** Charge 7001 (£120.00 outstanding) paid £129.99: £9.99 becomes an overpayment transaction. */
  static final String CHARGE = """
      {"postingId":"aq-charge-0001","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":12999,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"BACS-2026-03-0002","description":"End of tenancy cleaning",
       "target":{"operation":"CHARGE","chargeId":7001,"bankAccountId":1,"receivedFromContactId":401}}""";

  /** Rent item 5003 is already paid in full: Acquaint answers false. */
  static final String REFUSED = """
      {"postingId":"aq-rent-0002","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":95000,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"BACS-2026-03-0003","description":"February rent, again",
       "target":{"operation":"RENT","rentItemId":5003,"tenancyId":301,"bankAccountId":1}}""";

  /** Charge 7002: the sandbox applies a LOST- payment and then answers 500, so only a read-back can tell. */
  static final String LOST_ANSWER = """
      {"postingId":"aq-charge-0002","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":4550,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"LOST-2026-03-0004","description":"Replacement keys",
       "target":{"operation":"CHARGE","chargeId":7002,"bankAccountId":1}}""";

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(URI uri) throws Exception {
    return JSON.readTree(HTTP.send(LocalStack.withKey(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body());
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = get(stack.apiUrl.resolve("/api/postings/" + postingId));
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  private static JsonNode ledger() throws Exception {
    return get(stack.sandboxUrl.resolve("/sandbox/acquaint/ledger"));
  }

  private static long transactionsWithReference(String reference) throws Exception {
    return ledger().path("transactions").findValuesAsText("Reference").stream().filter(reference::equals).count();
  }

  @Test
  void aRentPaymentIsConfirmedOnTheRentItem() throws Exception {
    assertThat(post(RENT).statusCode()).isEqualTo(202);

    JsonNode status = awaitState("aq-rent-0001", "CONFIRMED");

    assertThat(status.path("providerRecordId").asText()).isEqualTo("5001");
    JsonNode item = ledger().path("rentItems").findParents("Id").stream()
        .filter(row -> row.path("Id").asLong() == 5001).findFirst().orElseThrow();
    assertThat(item.path("Received").decimalValue()).isEqualByComparingTo("950.00");
    assertThat(item.path("ReferenceChequeNo").asText()).isEqualTo("BACS-2026-03-0001");
  }

  @Test
  void aChargePaymentAboveTheBalanceIsConfirmedWithItsOverpayment() throws Exception {
    assertThat(post(CHARGE).statusCode()).isEqualTo(202);

    JsonNode status = awaitState("aq-charge-0001", "CONFIRMED");

    assertThat(status.path("providerRecordId").asText()).matches("[0-9]+");
    assertThat(transactionsWithReference("BACS-2026-03-0002")).isEqualTo(2); // the receipt and the overpayment
  }

  @Test
  void aPaymentTheItemCannotTakeIsRejected() throws Exception {
    assertThat(post(REFUSED).statusCode()).isEqualTo(202);

    JsonNode status = awaitState("aq-rent-0002", "REJECTED");

    assertThat(status.path("lastError").asText()).contains("answered false", "5003");
    assertThat(transactionsWithReference("BACS-2026-03-0003")).isZero();
  }

  @Test
  void aLostAnswerIsResolvedByReadingBackAndNeverPostedTwice() throws Exception {
    assertThat(post(LOST_ANSWER).statusCode()).isEqualTo(202);

    JsonNode status = awaitState("aq-charge-0002", "CONFIRMED");

    assertThat(status.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("outcome of the write is unknown"))
        .anyMatch(detail -> detail.contains("the unclear write did land"));
    assertThat(transactionsWithReference("LOST-2026-03-0004")).isEqualTo(1);
  }
}
