package dev.postings.cardvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the contract against a scripted vault (the real starter endpoint: SecurityEndToEndTest in the
 * starter module): what it sends, and that no failure carries a value.
 */
class HttpCardVaultTest {

  private static final String REFERENCE = "cv_" + "Ab1_-".repeat(8) + "xyz";
  private static final String SECRET = "a-shared-secret-of-some-length";
  private static final String CARD_JSON =
      "{\"cardNumber\":\"4111111111111111\",\"securityCode\":\"737\",\"accountNumber\":null}";

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = CARD_JSON;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (status == 204) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpCardVault vault() {
    return new HttpCardVault(new CardVaultClientSettings(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), SECRET, null, Duration.ofSeconds(5)),
        new ObjectMapper());
  }

  @Test
  void redeemPostsWithTheSecretAndReadsTheValues() {
    CardSecrets secrets = vault().redeem(REFERENCE);

    assertThat(secrets).isEqualTo(new CardSecrets("4111111111111111", "737", null));
    assertThat(seen).containsExactly("POST /internal/card-vault/" + REFERENCE + "/redeem Bearer " + SECRET);
  }

  @Test
  void discardDeletesAndAnUnknownReferenceIsNoError() {
    status = 204;
    vault().discard(REFERENCE);
    status = 404;
    vault().discard(REFERENCE);
    vault().discard("not-a-reference"); // never sealed: not even sent

    assertThat(seen).containsExactly("DELETE /internal/card-vault/" + REFERENCE + " Bearer " + SECRET,
        "DELETE /internal/card-vault/" + REFERENCE + " Bearer " + SECRET);
  }

  @Test
  void notFoundMeansTheDataIsGoneForGood() {
    status = 404;
    assertThatThrownBy(() -> vault().redeem(REFERENCE))
        .isInstanceOf(CardDataUnavailable.class)
        .hasMessageContaining(REFERENCE);
    assertThatThrownBy(() -> vault().redeem("../../api/postings"))
        .isInstanceOf(CardDataUnavailable.class);
    assertThat(seen).hasSize(1);
  }

  @Test
  void otherAnswersAreTransientAndNeverQuoteTheBody() {
    body = "oops " + CARD_JSON;
    for (int answer : new int[] {401, 500, 503}) {
      status = answer;
      assertThatThrownBy(() -> vault().redeem(REFERENCE))
          .isInstanceOf(CardVaultUnavailable.class)
          .hasMessageContaining("HTTP " + answer)
          .hasMessageNotContaining("4111")
          .hasNoCause();
    }
    status = 401;
    assertThatThrownBy(() -> vault().redeem(REFERENCE)).hasMessageContaining("secret is not the starter's");
    status = 500;
    assertThatThrownBy(() -> vault().discard(REFERENCE)).isInstanceOf(CardVaultUnavailable.class);
  }

  @Test
  void anUnreadableAnswerIsNotQuoted() {
    body = "{\"cardNumber\":\"4111111111111111\", \"securityCode\": 737 737";

    assertThatThrownBy(() -> vault().redeem(REFERENCE))
        .isInstanceOf(CardVaultUnavailable.class)
        .hasMessage("card vault redeem: the answer is not card data")
        .hasNoCause();
  }

  @Test
  void anUnreachableVaultIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpCardVault unreachable = new HttpCardVault(new CardVaultClientSettings(
        URI.create("http://127.0.0.1:" + closedPort), SECRET, Duration.ofSeconds(2), Duration.ofSeconds(2)),
        new ObjectMapper());

    assertThatThrownBy(() -> unreachable.redeem(REFERENCE))
        .isInstanceOf(CardVaultUnavailable.class)
        .hasMessageContaining("ConnectException")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void settingsNameWhatIsMissingAndHideTheSecret() {
    assertThatThrownBy(() -> new CardVaultClientSettings(null, SECRET, null, null))
        .hasMessageContaining("postings.card-vault.base-url").hasMessageContaining("CARD_VAULT_URL");
    assertThatThrownBy(() -> new CardVaultClientSettings(URI.create("http://vault"), " ", null, null))
        .hasMessageContaining("postings.card-vault.secret").hasMessageContaining("CARD_VAULT_SECRET");
    assertThat(new CardVaultClientSettings(URI.create("http://vault"), SECRET, null, null).toString())
        .doesNotContain(SECRET).contains("secret=***");
  }
}
