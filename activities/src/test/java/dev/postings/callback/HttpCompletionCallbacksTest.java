package dev.postings.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.postings.workflow.CompletionCallbacks;
import dev.postings.workflow.CompletionCallbacks.CompletionDelivery;
import dev.postings.workflow.CompletionNotice;
import dev.postings.workflow.PostingState;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Delivery of completion callbacks against receivers on loopback only. A private or public address is never connected
 * to: refusals are shown with a resolver that answers such an address and a socket maker that fails the test if it is
 * asked for a socket at all; where a test needs the check to pass a public answer, its socket records the address it
 * is asked to connect to and connects to the test's loopback receiver instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpCompletionCallbacksTest {

  private static final CallbackSettings SETTINGS = new CallbackSettings("test-callback-secret", Duration.ofSeconds(2));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final HttpCompletionCallbacks.Sockets NO_SOCKET_EVER = checked -> fail(
      "a socket was asked for, to connect to " + checked);

  private record Call(String path, String host, String signature, String sni) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private HttpServer receiver;
  private int port;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", this::answer);
    receiver.start();
    port = receiver.getAddress().getPort();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String sni = null;
    if (exchange instanceof HttpsExchange https && https.getSSLSession() instanceof ExtendedSSLSession session) {
      sni = session.getRequestedServerNames().stream().filter(SNIHostName.class::isInstance)
          .map(name -> ((SNIHostName) name).getAsciiName()).findFirst().orElse(null);
    }
    calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Host"),
        exchange.getRequestHeaders().getFirst(CallbackSignature.HEADER), sni));
    if (exchange.getRequestURI().getPath().equals("/moved")) {
      exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/elsewhere");
      exchange.sendResponseHeaders(302, -1);
    } else {
      exchange.sendResponseHeaders(status.get(), -1);
    }
    exchange.close();
  }

  private static CompletionDelivery delivery(String url) {
    return new CompletionDelivery(url, new CompletionNotice("pw-1", PostingState.CONFIRMED, "rp_1", null,
        Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** A DNS answering from a table, one answer per question in turn (the last one repeats); questions are counted. */
  private static final class ScriptedDns implements CallbackDestinations.HostResolver {
    private final Map<String, List<String>> answers;
    final AtomicInteger questions = new AtomicInteger();

    ScriptedDns(Map<String, List<String>> answers) {
      this.answers = answers;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      List<String> script = answers.get(host);
      if (script == null) {
        throw new UnknownHostException(host);
      }
      int question = questions.getAndIncrement();
      return new InetAddress[] {InetAddress.getByName(script.get(Math.min(question, script.size() - 1)))};
    }
  }

  private static CallbackDestinations destinations(boolean allowHttp, CallbackDestinations.HostResolver dns,
      String... allowedHosts) {
    return new CallbackDestinations(List.of(allowedHosts), allowHttp, dns);
  }

  private static ApplicationFailure notDelivered(Runnable delivery) {
    try {
      delivery.run();
    } catch (ApplicationFailure failure) {
      assertThat(failure.getType()).isEqualTo(CompletionCallbacks.NOT_DELIVERED);
      assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(1);
      return failure;
    }
    return fail("delivered");
  }

  @Test
  void aHostAnsweringAPrivateAddressIsRefusedBeforeAnySocketIsMade(CapturedOutput log) {
    ScriptedDns dns = new ScriptedDns(Map.of("receiver.example", List.of("10.0.0.7")));
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK, destinations(false, dns),
        NO_SOCKET_EVER, DefaultClientTlsStrategy.createSystemDefault());

    ApplicationFailure failure = notDelivered(
        () -> callbacks.deliver(delivery("https://receiver.example/cb/secret-path?token=caller-secret")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("completion callback not delivered (attempt 1)");
    assertThat(dns.questions).hasValue(1);
    assertThat(log.getAll()).contains("resolves to a private address")
        .doesNotContain("secret-path").doesNotContain("caller-secret");
  }

  @Test
  void literalInternalAddressesAndLocalhostAreRefusedWithoutDnsOrSocket() {
    ScriptedDns dns = new ScriptedDns(Map.of());
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK, destinations(true, dns),
        NO_SOCKET_EVER, DefaultClientTlsStrategy.createSystemDefault());
    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:" + port + "/cb",
        "http://[::1]:" + port + "/cb", "http://[::ffff:127.0.0.1]:" + port + "/cb", "http://localhost:" + port + "/x",
        "http://localhost.:" + port + "/x", "http://10.1.2.3/x", "http://[fd00::1]/x", "http://0.0.0.0:" + port)) {
      assertThat(notDelivered(() -> callbacks.deliver(delivery(url))).isNonRetryable()).as(url).isTrue();
    }
    assertThat(dns.questions).hasValue(0);
    assertThat(calls).isEmpty();
  }

  @Test
  void httpIsRefusedAtDeliveryOutsideLocalModeEvenToAnAllowedHost() {
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK,
        destinations(false, new ScriptedDns(Map.of()), "127.0.0.1"), NO_SOCKET_EVER,
        DefaultClientTlsStrategy.createSystemDefault());

    assertThat(notDelivered(() -> callbacks.deliver(delivery("http://127.0.0.1:" + port + "/cb"))).isNonRetryable())
        .isTrue();
    assertThat(calls).isEmpty();
  }

  @Test
  void anAllowedLoopbackReceiverGetsTheSignedCallback(CapturedOutput log) {
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK,
        destinations(true, new ScriptedDns(Map.of()), "127.0.0.1"));

    callbacks.deliver(delivery("http://127.0.0.1:" + port + "/cb/pw-1?token=caller-secret"));

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path()).isEqualTo("/cb/pw-1");
    assertThat(calls.get(0).signature()).startsWith("t=1767225600,v1=");
    assertThat(log.getAll()).contains("delivered to 127.0.0.1:" + port).doesNotContain("caller-secret");
  }

  /**
   * DNS rebinding: the name answers a public address when checked and loopback right after. The delivery resolves once
   * and connects to the public address it checked. (The test's socket never reaches that address: it records it and
   * connects to the loopback receiver in its place.)
   */
  @Test
  void aNameThatResolvesElsewhereAfterTheCheckIsStillConnectedToTheCheckedAddress() throws Exception {
    ScriptedDns dns = new ScriptedDns(Map.of("receiver.example", List.of("93.184.215.14", "127.0.0.1")));
    List<SocketAddress> connectedTo = new CopyOnWriteArrayList<>();
    InetSocketAddress standIn = new InetSocketAddress("127.0.0.1", port);
    HttpCompletionCallbacks.Sockets recording = checked -> new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        connectedTo.add(endpoint);
        if (!checked.contains(((InetSocketAddress) endpoint).getAddress())) {
          throw new AssertionError("asked to connect to an unchecked address " + endpoint);
        }
        super.connect(standIn, timeout);
      }
    };
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK, destinations(true, dns),
        recording, DefaultClientTlsStrategy.createSystemDefault());

    callbacks.deliver(delivery("http://receiver.example:" + port + "/cb"));

    assertThat(dns.questions).hasValue(1);
    assertThat(connectedTo).containsExactly(new InetSocketAddress(InetAddress.getByName("93.184.215.14"), port));
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).host()).isEqualTo("receiver.example:" + port);
  }

  @Test
  void theProductionSocketRefusesAnyAddressThatWasNotChecked() throws Exception {
    try (Socket socket = new HttpCompletionCallbacks.CheckedAddressSocket(
        List.of(InetAddress.getByName("93.184.215.14")))) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000))
          .isInstanceOf(java.net.ConnectException.class);
    }
    assertThat(calls).isEmpty();
  }

  @Test
  void aRedirectIsNotFollowedAndNotDelivered() {
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK,
        destinations(true, new ScriptedDns(Map.of()), "127.0.0.1"));

    ApplicationFailure failure = notDelivered(
        () -> callbacks.deliver(delivery("http://127.0.0.1:" + port + "/moved")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(calls).extracting(Call::path).containsExactly("/moved");
  }

  @Test
  void answersDecideWhetherToTryAgainButNoneIsToldToTheWorkflow() {
    HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK,
        destinations(true, new ScriptedDns(Map.of()), "127.0.0.1"));
    String url = "http://127.0.0.1:" + port + "/cb";
    for (int code : new int[] {500, 503, 408, 429, 400, 401, 404, 410}) {
      status.set(code);
      ApplicationFailure failure = notDelivered(() -> callbacks.deliver(delivery(url)));
      assertThat(failure.isNonRetryable()).as("HTTP " + code).isEqualTo(code < 500 && code != 408 && code != 429);
      assertThat(failure.getOriginalMessage()).doesNotContain(Integer.toString(code)).doesNotContain("127.0.0.1");
    }
    receiver.stop(0);
    ApplicationFailure unreachable = notDelivered(() -> callbacks.deliver(delivery(url)));
    assertThat(unreachable.isNonRetryable()).isFalse();
    assertThat(unreachable.getOriginalMessage()).isEqualTo("completion callback not delivered (attempt 1)");
  }

  /**
   * https to a name pinned to the checked address: the request still names the host, the TLS handshake sends it as
   * the server name (SNI) and the certificate is verified against it, not against the address.
   */
  @Test
  void httpsKeepsTheHostNameForSniAndCertificateVerification(@TempDir Path dir) throws Exception {
    HttpsServer https = httpsReceiver(dir, "receiver.test");
    try {
      int httpsPort = https.getAddress().getPort();
      ScriptedDns dns = new ScriptedDns(Map.of("receiver.test", List.of("127.0.0.1"),
          "imposter.test", List.of("127.0.0.1")));
      HttpCompletionCallbacks callbacks = new HttpCompletionCallbacks(SETTINGS, CLOCK,
          destinations(false, dns, "receiver.test", "imposter.test"), HttpCompletionCallbacks.CheckedAddressSocket::new,
          HttpCompletionCallbacks.tlsTrusting(trusting(dir)));

      callbacks.deliver(delivery("https://receiver.test:" + httpsPort + "/cb"));

      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).host()).isEqualTo("receiver.test:" + httpsPort);
      assertThat(calls.get(0).sni()).isEqualTo("receiver.test");
      // the same address under a name the certificate does not carry: the handshake fails, nothing is sent
      assertThat(notDelivered(() -> callbacks.deliver(delivery("https://imposter.test:" + httpsPort + "/cb")))
          .isNonRetryable()).isFalse();
      assertThat(calls).hasSize(1);
    } finally {
      https.stop(0);
    }
  }

  private HttpsServer httpsReceiver(Path dir, String name) throws Exception {
    Path keystore = dir.resolve("receiver.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
        "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).isZero();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keystore), "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::answer);
    server.start();
    return server;
  }

  private static SSLContext trusting(Path dir) throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(dir.resolve("receiver.p12")));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    return store;
  }
}
