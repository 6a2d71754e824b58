package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropertywarePayment;
import io.temporal.failure.ApplicationFailure;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS handshake the client refuses (here: a certificate it does not trust) happens before any byte of the request is
 * sent, so the write is NOT_SENT: safe to send again, never an unknown outcome that would need an operator.
 */
class PropexoTlsTest {

  @Test
  void anUntrustedCertificateMeansNotSent(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "sandbox", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
        "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);

    AtomicInteger requestsSeen = new AtomicInteger();
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      requestsSeen.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.start();
    try {
      URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
      ApplicationFailure failure = null;
      try {
        PropexoAdapterTest.adapterWith(url, "token", 100).submitPropertywarePayment(new PropertywarePayment(
            "intg_1", "lease_1", "res_1", "fa_1", 100, Instant.parse("2024-01-15T09:30:00Z"), "CASH", "R", null));
      } catch (ApplicationFailure thrown) {
        failure = thrown;
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getType()).isEqualTo(FailureKind.NOT_SENT.name());
      assertThat(requestsSeen).hasValue(0);
    } finally {
      server.stop(0);
    }
  }
}
