package dev.postings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.postings.client.NewPosting.Amount;
import dev.postings.client.NewPosting.BillingAddress;
import dev.postings.client.NewPosting.PaymentMethod;
import dev.postings.client.NewPosting.StoredgeTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a canned API on loopback: what goes out, and what it makes of what comes back. */
class PostingsClientTest {

  record Received(String method, String path, String query, String apiKey, String body) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "{}";
  private PostingsClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("X-Api-Key"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
    client = new PostingsClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "key-1",
        Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static NewPosting storedgeWithNewCard() {
    return new NewPosting("se-1", "STOREDGE", new Amount(6103, "USD"), "2024-01-15T09:30:00Z", null, "SE-1",
        "Unit rent", new StoredgeTarget("facility-1", "ledger-1", "CUSTOM", PaymentMethod.newCard("Paulina", "Demo",
            "visa", "4111111111111111", "737", "10/29", new BillingAddress("123 Main", "Somecity", "AL", "12345",
                "US"))), null, "storedge-main");
  }

  @Test
  void aNewPostingGoesOutAsTheApiTakesItWithTheKeyAndNoAbsentFields() throws Exception {
    status = 202;
    answer = "{\"postingId\":\"se-1\",\"state\":\"RECEIVED\",\"statusUrl\":\"/api/postings/se-1\"}";

    Answer started = client.start(storedgeWithNewCard());

    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/postings");
    assertThat(request.apiKey()).isEqualTo("key-1");
    JsonNode body = PostingsClient.JSON.readTree(request.body());
    assertThat(body.has("paymentType")).isFalse();
    assertThat(body.has("callbackUrl")).isFalse();
    assertThat(body.path("connectionId").asText()).isEqualTo("storedge-main");
    assertThat(body.at("/amount/minor").asLong()).isEqualTo(6103);
    assertThat(body.at("/target/ledgerId").asText()).isEqualTo("ledger-1");
    assertThat(body.at("/target/paymentMethod/kind").asText()).isEqualTo("CREDIT_CARD");
    assertThat(body.at("/target/paymentMethod/billingAddress/postal").asText()).isEqualTo("12345");
    assertThat(body.at("/target/paymentMethod").has("paymentMethodId")).isFalse();
    assertThat(started.as(PostingAccepted.class))
        .isEqualTo(new PostingAccepted("se-1", "RECEIVED", "/api/postings/se-1"));
  }

  @Test
  void aPostingsStatusIsReadAsARecordAndFieldsItDoesNotKnowAreIgnored() throws Exception {
    answer = "{\"postingId\":\"a/b\",\"provider\":\"ACQUAINT\",\"state\":\"CONFIRMED\",\"step\":\"DONE\","
        + "\"providerRecordId\":\"5001\",\"timeline\":[{\"state\":\"CONFIRMED\",\"step\":\"DONE\","
        + "\"at\":\"2026-12-05T07:00:00Z\",\"detail\":\"confirmed as record 5001\"}],\"attention\":{\"code\":\"X\"}}";

    PostingView view = client.posting("a/b").as(PostingView.class);

    assertThat(received.get(0).path()).isEqualTo("/api/postings/a%2Fb");
    assertThat(view.state()).isEqualTo("CONFIRMED");
    assertThat(view.providerRecordId()).isEqualTo("5001");
    assertThat(view.latestDetail()).isEqualTo("confirmed as record 5001");
  }

  @Test
  void anActionSendsItsRecordAsTheBody() throws Exception {
    client.resolve("p 1", new Actions.Resolution("rp_1", null));
    client.retry("p1");

    assertThat(received.get(0).path()).isEqualTo("/api/postings/p%201/resolve");
    assertThat(received.get(0).body()).isEqualTo("{\"recordId\":\"rp_1\"}");
    assertThat(received.get(1).path()).isEqualTo("/api/postings/p1/retry");
    assertThat(received.get(1).body()).isEqualTo("{}");
  }

  @Test
  void aListingsQueryIsEncoded() throws Exception {
    client.postings(Map.of("reference", List.of("CHK 01&2")));

    assertThat(received.get(0).query()).isEqualTo("reference=CHK%2001%262");
  }

  @Test
  void anErrorAnswerIsAnAnswerWithItsFieldPathsAndReason() throws Exception {
    status = 400;
    answer = "{\"error\":\"invalid_request\",\"errors\":[{\"field\":\"amount.minor\",\"message\":\"must be > 0\"}]}";

    Answer refused = client.start(storedgeWithNewCard());

    assertThat(refused.ok()).isFalse();
    assertThat(refused.reason()).isEqualTo("amount.minor: must be > 0");
    assertThat(refused.as(ApiError.class).errors())
        .containsExactly(new ApiError.FieldError("amount.minor", "must be > 0"));
  }

  @Test
  void noAnswerAtAllIsUnreachableNotAnAnswer() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PostingsClient nowhere = new PostingsClient(URI.create("http://127.0.0.1:" + closed), "k", Duration.ofSeconds(2));

    assertThatThrownBy(() -> nowhere.posting("p1")).isInstanceOf(PostingsClient.Unreachable.class)
        .hasMessageContaining("cannot reach the postings API at http://127.0.0.1:" + closed);
  }

  @Test
  void aNewCardNeverShowsInALogLine() {
    assertThat(storedgeWithNewCard().toString()).doesNotContain("4111111111111111").doesNotContain("737");
  }
}
