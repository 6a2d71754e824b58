package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.model.ProviderApi;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.propexo.PropexoSettings;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.acquaint.RentItemRef;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The adapters use the connection of the posting they work for, resolved at call time, against the sandbox's two
 * customers per provider over HTTP: a rotation or a disabling takes effect on the next call, a refused or disabled
 * connection is CREDENTIALS_REFUSED (the posting parks), and Acquaint's token is per site and key.
 */
class ConnectionsAtCallTimeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConfigurableApplicationContext sandbox;
  private static URI root;

  /** A store of connections in memory, versioned like the registry's. */
  static final class Store implements CachingConnectionResolver.Source {
    final Map<String, CachingConnectionResolver.Stored> rows = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();

    void put(String id, ProviderApi api, URI baseUrl, Map<String, String> credentials, boolean active) {
      long version = rows.containsKey(id) ? rows.get(id).connection().version() + 1 : 1;
      rows.put(id, new CachingConnectionResolver.Stored(new ResolvedConnection(id, api, baseUrl, credentials,
          "key-" + id, null, version), active));
    }

    @Override
    public Optional<CachingConnectionResolver.Stored> open(String connectionId) {
      opened.incrementAndGet();
      return Optional.ofNullable(rows.get(connectionId));
    }

    @Override
    public Optional<Long> version(String connectionId) {
      return Optional.ofNullable(rows.get(connectionId)).map(stored -> stored.connection().version());
    }
  }

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=dev-propexo-token,dev-propexo-token-2",
        "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000");
    root = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static ProviderConnection reach(URI url) {
    return new ProviderConnection(url, Duration.ofSeconds(2), Duration.ofSeconds(10), RequestPacing.Settings.UNPACED);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("the call did not fail");
  }

  private static <T> T as(String connectionId, Supplier<T> call) {
    return PostingConnection.with(connectionId, call);
  }

  @Test
  void aRotationOrADisablingTakesEffectOnTheNextCall() {
    Store store = new Store();
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "dev-propexo-token"), true);
    store.put("acquaint-dev", ProviderApi.ACQUAINT, URI.create(root + "/acquaint"),
        Map.of("sitePrefix", "DEV", "apiKey", "dev-acquaint-key"), true);
    PropexoAdapter propexo = new PropexoAdapter(new PropexoSettings(reach(root), null, 10, 5),
        new CachingConnectionResolver(store, Duration.ofSeconds(30), Duration.ZERO), null, null, JSON);
    Runnable read = () -> as("propexo-main", () -> propexo.readResidentPayment(new ResidentPaymentRef("rp_none")));

    read.run();
    // rotated to a token the provider refuses: the very next call uses it
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "revoked-token-0001"), true);
    ApplicationFailure refused = failureOf(read);
    assertThat(refused.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(refused.getMessage()).doesNotContain("revoked-token-0001");
    // rotated to the customer's new token
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "dev-propexo-token-2"), true);
    read.run();
    // disabled: refused before anything is sent, as a refused credential (the posting parks)
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "dev-propexo-token-2"), false);
    ApplicationFailure disabled = failureOf(read);
    assertThat(disabled.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(disabled.getOriginalMessage()).contains("propexo-main is disabled").doesNotContain("dev-propexo-token");
    // unknown, or another provider API's
    assertThat(failureOf(() -> as("nope", () -> propexo.readResidentPayment(new ResidentPaymentRef("x"))))
        .getOriginalMessage()).contains("nope does not exist");
    assertThat(failureOf(() -> as("acquaint-dev", () -> propexo.readResidentPayment(new ResidentPaymentRef("x"))))
        .getOriginalMessage()).contains("is a ACQUAINT connection, not PROPEXO");
  }

  @Test
  void anUnchangedConnectionIsOpenedOnceWhileItsVersionHolds() {
    Store store = new Store();
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "dev-propexo-token"), true);
    PropexoAdapter propexo = new PropexoAdapter(new PropexoSettings(reach(root), null, 10, 5),
        new CachingConnectionResolver(store, Duration.ofSeconds(30), Duration.ZERO), null, null, JSON);

    for (int i = 0; i < 5; i++) {
      as("propexo-main", () -> propexo.readResidentPayment(new ResidentPaymentRef("rp_none")));
    }

    assertThat(store.opened).hasValue(1);
  }

  @Test
  void aPostingWithoutAConnectionUsesTheFallbackAndNoneIsRefused() {
    Store store = new Store();
    store.put("propexo-main", ProviderApi.PROPEXO, root, Map.of("token", "dev-propexo-token"), true);
    CachingConnectionResolver resolver = new CachingConnectionResolver(store, Duration.ofSeconds(30), Duration.ZERO);
    PropexoAdapter withFallback = new PropexoAdapter(new PropexoSettings(reach(root), null, 10, 5), resolver,
        "propexo-main", null, JSON);
    PropexoAdapter without = new PropexoAdapter(new PropexoSettings(reach(root), null, 10, 5), resolver, null,
        null, JSON);

    assertThat(withFallback.readResidentPayment(new ResidentPaymentRef("rp_none")).found()).isFalse();
    assertThat(failureOf(() -> without.readResidentPayment(new ResidentPaymentRef("rp_none"))).getType())
        .isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
  }

  @Test
  void eachAcquaintSiteHasItsOwnTokenAndSeesItsOwnDatabase() {
    Store store = new Store();
    URI acquaint = URI.create(root + "/acquaint");
    store.put("acquaint-dev", ProviderApi.ACQUAINT, acquaint,
        Map.of("sitePrefix", "DEV", "apiKey", "dev-acquaint-key"), true);
    store.put("acquaint-north", ProviderApi.ACQUAINT, acquaint,
        Map.of("sitePrefix", "NORTH", "apiKey", "dev-acquaint-north-key"), true);
    AcquaintAdapter adapter = new AcquaintAdapter(new AcquaintSettings(reach(acquaint), null, null,
        Duration.ofMinutes(2)), new CachingConnectionResolver(store, Duration.ofSeconds(30), Duration.ZERO), null,
        null, JSON, Clock.systemUTC());

    // NORTH's rent item 5201 is in NORTH's database only
    assertThat(as("acquaint-north", () -> adapter.readRentItem(new RentItemRef(601, 5201))).found()).isTrue();
    assertThat(as("acquaint-dev", () -> adapter.readRentItem(new RentItemRef(601, 5201))).found()).isFalse();
    assertThat(as("acquaint-dev", () -> adapter.readRentItem(new RentItemRef(301, 5001))).found()).isTrue();
    assertThat(as("acquaint-north", () -> adapter.readRentItem(new RentItemRef(601, 5202))).found()).isTrue();
  }
}
