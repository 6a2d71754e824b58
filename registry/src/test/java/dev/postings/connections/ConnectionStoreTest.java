package dev.postings.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.model.ProviderApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionStoreTest {

  private static final String TOKEN = "pxo-live-7f3a9c2e1b";
  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
  private ConnectionStore store;

  @BeforeEach
  void emptyTables() {
    TestDatabase.execute("TRUNCATE postings, connections, rate_budgets");
    store = store("k1");
  }

  private static ConnectionStore store(String currentKeyId) {
    return new ConnectionStore(TestDatabase.database().dataSource(), TestDatabase.settings(currentKeyId),
        BaseUrlRules.LOCAL, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static NewConnection propexo(String id, String token) {
    return new NewConnection(id, ProviderApi.PROPEXO, "Main PM", "http://127.0.0.1:8090/propexo",
        ConnectionCredentials.propexo(token), null, null);
  }

  @Test
  void createsReadsAndListsWithoutTheCredentials() {
    Connection created = store.create(new NewConnection("acquaint-north", ProviderApi.ACQUAINT, "North Lettings",
        "http://127.0.0.1:8090/acquaint", ConnectionCredentials.acquaint("NORTH", "dev-acquaint-north-key"),
        new RateLimit(60), null));
    store.create(propexo("propexo-main", TOKEN));

    assertThat(created.connectionId()).isEqualTo("acquaint-north");
    assertThat(created.last4()).isEqualTo("-key");
    assertThat(created.status()).isEqualTo(ConnectionStatus.ACTIVE);
    assertThat(created.rateLimit()).isEqualTo(new RateLimit(60));
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(created.version()).isEqualTo(1);
    assertThat(store.find("acquaint-north")).contains(created);
    assertThat(store.list()).extracting(Connection::connectionId).containsExactly("acquaint-north", "propexo-main");
    assertThat(created.toString()).doesNotContain("dev-acquaint-north-key");
  }

  @Test
  void theCredentialsAreSealedAtRestAndOpenOnlyForTheirConnection() {
    store.create(propexo("propexo-main", TOKEN));

    String row = String.join("", TestDatabase.query("SELECT c::text FROM connections c"));
    assertThat(row).doesNotContain(TOKEN)
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8)));
    OpenedConnection opened = store.open("propexo-main").orElseThrow();
    assertThat(opened.credentials().get(ConnectionCredentials.TOKEN)).isEqualTo(TOKEN);
    assertThat(opened.toString()).doesNotContain(TOKEN);
    assertThat(opened.credentialKey()).doesNotContain(TOKEN).hasSize(22);

    // the seal is bound to its connection: copied onto another row, it does not open
    store.create(propexo("propexo-second", "another-token-0002"));
    TestDatabase.execute("UPDATE connections SET credentials_sealed = (SELECT credentials_sealed FROM connections"
        + " WHERE connection_id = 'propexo-main') WHERE connection_id = 'propexo-second'");
    assertThatThrownBy(() -> store.open("propexo-second")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed authentication").hasMessageNotContaining(TOKEN);
  }

  @Test
  void aSeededConnectionFollowsTheSandboxToAnotherPortKeepingItsCredentials() {
    store.create(propexo("propexo-main", TOKEN));
    long before = store.version("propexo-main").orElseThrow();

    assertThat(store.moveBaseUrl("propexo-main", "http://127.0.0.1:38090/propexo")).isTrue();
    assertThat(store.moveBaseUrl("propexo-main", "http://127.0.0.1:38090/propexo")).isFalse();

    OpenedConnection opened = store.open("propexo-main").orElseThrow();
    assertThat(opened.connection().baseUrl()).isEqualTo("http://127.0.0.1:38090/propexo");
    assertThat(opened.credentials().get(ConnectionCredentials.TOKEN)).isEqualTo(TOKEN);
    assertThat(store.version("propexo-main")).contains(before + 1);
  }

  @Test
  void twoConnectionsWithOneCredentialShareOneBudget() {
    store.create(propexo("propexo-main", TOKEN));
    store.create(propexo("propexo-alias", TOKEN));
    store.create(propexo("propexo-second", "another-token-0002"));

    assertThat(store.open("propexo-alias").orElseThrow().credentialKey())
        .isEqualTo(store.open("propexo-main").orElseThrow().credentialKey())
        .isNotEqualTo(store.open("propexo-second").orElseThrow().credentialKey());
  }

  @Test
  void rotationSealsWithTheCurrentKeyAndMovesTheVersion() {
    store.create(propexo("propexo-main", TOKEN));
    ConnectionStore afterKeyRotation = store("k2");

    Connection rotated = afterKeyRotation.rotate("propexo-main", ConnectionCredentials.propexo("pxo-new-token-9999"));

    assertThat(rotated.version()).isEqualTo(2);
    assertThat(rotated.last4()).isEqualTo("9999");
    assertThat(rotated.rotatedAt()).isEqualTo(T0);
    assertThat(TestDatabase.query("SELECT key_id FROM connections")).containsExactly("k2");
    assertThat(store.version("propexo-main")).contains(2L);
    // the old ring still opens it as long as it holds k2
    assertThat(store.open("propexo-main").orElseThrow().credentials().get("token")).isEqualTo("pxo-new-token-9999");
  }

  @Test
  void disablingMovesTheVersionOnceAndKeepsTheRow() {
    store.create(propexo("propexo-main", TOKEN));

    Connection disabled = store.disable("propexo-main");
    Connection again = store.disable("propexo-main");

    assertThat(disabled.status()).isEqualTo(ConnectionStatus.DISABLED);
    assertThat(disabled.version()).isEqualTo(2);
    assertThat(again).isEqualTo(disabled);
    assertThat(store.open("propexo-main").orElseThrow().connection().active()).isFalse();
    assertThatThrownBy(() -> store.disable("nope")).isInstanceOf(ConnectionNotFound.class);
  }

  @Test
  void anIdIsTakenOnce() {
    store.create(propexo("propexo-main", TOKEN));

    assertThatThrownBy(() -> store.create(propexo("propexo-main", "other-token-1234")))
        .isInstanceOf(ConnectionExists.class);
    assertThat(store.createIfAbsent(propexo("propexo-main", "other-token-1234"))).isFalse();
    assertThat(store.open("propexo-main").orElseThrow().credentials().get("token")).isEqualTo(TOKEN);
  }

  @Test
  void badInputNamesTheFieldAndNeverTheCredential() {
    assertField(new NewConnection("Bad Id!", ProviderApi.PROPEXO, "x", "http://127.0.0.1:1",
        ConnectionCredentials.propexo(TOKEN), null, null), "connectionId");
    assertField(new NewConnection("ok-id", null, "x", "http://127.0.0.1:1", ConnectionCredentials.propexo(TOKEN),
        null, null), "api");
    assertField(new NewConnection("ok-id", ProviderApi.PROPEXO, " ", "http://127.0.0.1:1",
        ConnectionCredentials.propexo(TOKEN), null, null), "name");
    assertField(new NewConnection("ok-id", ProviderApi.PROPEXO, "x", "http://propexo.example.com",
        ConnectionCredentials.propexo(TOKEN), null, null), "baseUrl");
    assertField(new NewConnection("ok-id", ProviderApi.PROPEXO, "x", "file:///etc/passwd",
        ConnectionCredentials.propexo(TOKEN), null, null), "baseUrl");
    assertField(new NewConnection("ok-id", ProviderApi.PROPEXO, "x", "http://user:pw@127.0.0.1:1",
        ConnectionCredentials.propexo(TOKEN), null, null), "baseUrl");
    assertField(new NewConnection("ok-id", ProviderApi.ACQUAINT, "x", "http://127.0.0.1:1",
        ConnectionCredentials.propexo(TOKEN), null, null), "credentials.token");
    assertField(new NewConnection("ok-id", ProviderApi.STOREDGE, "x", "http://127.0.0.1:1",
        new ConnectionCredentials(Map.of("consumerKey", "k")), null, null), "credentials.consumerSecret");
    assertField(new NewConnection("ok-id", ProviderApi.STOREDGE, "x", "http://127.0.0.1:1",
        ConnectionCredentials.storedge("k", "s"), null, new ApprovalSettings(null, Duration.ofDays(3), null)),
        "approval");
    assertThatThrownBy(() -> new RateLimit(0)).isInstanceOf(ConnectionInvalid.class)
        .hasMessageStartingWith("rateLimit.requestsPerMinute");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void productionTakesHttpsToAnyHostOnly() {
    assertThat(BaseUrlRules.PRODUCTION.check("https://api.propexo.com")).isEqualTo("https://api.propexo.com");
    assertThatThrownBy(() -> BaseUrlRules.PRODUCTION.check("http://api.propexo.com"))
        .isInstanceOf(ConnectionInvalid.class).hasMessageContaining("https");
    assertThat(BaseUrlRules.LOCAL.check("http://[::1]:8090/x")).isEqualTo("http://[::1]:8090/x");
    assertThatThrownBy(() -> BaseUrlRules.LOCAL.check("http://127.0.0.1.nip.io/x"))
        .isInstanceOf(ConnectionInvalid.class);
  }

  private void assertField(NewConnection connection, String field) {
    assertThatThrownBy(() -> store.create(connection))
        .isInstanceOfSatisfying(ConnectionInvalid.class, invalid -> assertThat(invalid.field()).isEqualTo(field))
        .hasMessageNotContaining(TOKEN);
  }
}
