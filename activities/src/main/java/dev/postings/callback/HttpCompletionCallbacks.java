package dev.postings.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.postings.workflow.CompletionCallbacks;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completion callbacks over HTTP, to public hosts only. Every attempt checks the URL again ({@link CallbackDestinations}:
 * https outside local mode, every address the host resolves to public, unless the host is allowed by configuration)
 * and connects to exactly the addresses it checked: the connection's DNS lookup is answered with them, and its socket
 * refuses any other address, so a name that resolves elsewhere a moment later (DNS rebinding) is never followed. The
 * request still names the original host (Host header, TLS server name and certificate check). Redirects are not
 * followed: a 3xx is "not delivered".
 *
 * <p>What the posting's timeline learns is only "delivered" or, when an attempt gives up, a
 * {@code CallbackNotDelivered} failure naming the attempt (details[0]) and nothing of the receiver: no status, exception or
 * address, which would tell a caller what answers inside our network. The worker's log has the detail, with the host
 * and port but never the URL's path or query (they may carry the caller's token). Temporal retries an attempt that
 * failed retryably (5xx, 408, 429, unreachable), with the back-off and budget the posting started with; anything else
 * (a refused destination, a redirect, another 4xx) is final.
 */
public class HttpCompletionCallbacks implements CompletionCallbacks {

  private static final Logger log = LoggerFactory.getLogger(HttpCompletionCallbacks.class);

  private final byte[] secret;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final CallbackDestinations destinations;
  private final Sockets sockets;
  private final TlsSocketStrategy tls;
  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  public HttpCompletionCallbacks(CallbackSettings settings, Clock clock, CallbackDestinations destinations) {
    this(settings, clock, destinations, CheckedAddressSocket::new, DefaultClientTlsStrategy.createSystemDefault());
  }

  /**
   * @param sockets makes the unconnected sockets, {@link CheckedAddressSocket}s (tests: one that fails when asked for
   *     a socket at all)
   * @param tls the TLS layer (tests: one that trusts a test certificate); it verifies the URL's host name
   */
  HttpCompletionCallbacks(CallbackSettings settings, Clock clock, CallbackDestinations destinations,
      Sockets sockets, TlsSocketStrategy tls) {
    this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.connectTimeout = settings.connectTimeout();
    // below any sensible start-to-close timeout of the activity, so a hung receiver is a failed attempt, not a timeout
    this.requestTimeout = settings.connectTimeout().multipliedBy(2);
    this.destinations = destinations;
    this.sockets = sockets;
    this.tls = tls;
  }

  /** A TLS layer trusting this context (tests). */
  static TlsSocketStrategy tlsTrusting(SSLContext context) {
    return new DefaultClientTlsStrategy(context);
  }

  @Override
  public void deliver(CompletionDelivery delivery) {
    int attempt = attempt();
    String postingId = delivery.notice().postingId();
    CallbackDestinations.Destination destination;
    try {
      destination = destinations.check(delivery.url());
    } catch (CallbackDestinations.Refused refused) {
      log.warn("posting {}: completion callback refused before connecting (attempt {}): {}", postingId, attempt,
          refused.detail());
      throw notDelivered(attempt, false);
    }
    String receiver = destination.host() + portOf(destination);
    String body;
    try {
      body = json.writeValueAsString(delivery.notice());
    } catch (JsonProcessingException e) {
      log.error("posting {}: cannot write the completion callback's body", postingId, e);
      throw notDelivered(attempt, false);
    }
    HttpPost post = new HttpPost(destination.url());
    post.setHeader(CallbackSignature.HEADER,
        CallbackSignature.header(secret, clock.instant().getEpochSecond(), body));
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    int status;
    try (CloseableHttpClient http = clientFor(destination)) {
      status = http.execute(post, answer -> answer.getCode());
    } catch (IOException | RuntimeException unreachable) {
      log.warn("posting {}: completion callback to {} not delivered (attempt {}): {}", postingId, receiver, attempt,
          unreachable.getClass().getSimpleName());
      throw notDelivered(attempt, true);
    }
    if (status >= 200 && status < 300) {
      log.info("posting {}: completion callback ({}) delivered to {}", postingId, delivery.notice().state(),
          receiver);
      return;
    }
    log.warn("posting {}: completion callback to {} not delivered (attempt {}): HTTP {}", postingId, receiver, attempt,
        status);
    // A 5xx, 408 or 429 may pass later; any other answer (a 4xx, a redirect we do not follow) will not change.
    throw notDelivered(attempt, status >= 500 || status == 408 || status == 429);
  }

  /**
   * A client for one delivery: its DNS answers only the checked addresses, its sockets connect only to them, no
   * redirect, no retry of its own (Temporal retries), no proxy (a proxy would connect wherever the name leads it).
   */
  private CloseableHttpClient clientFor(CallbackDestinations.Destination destination) {
    List<InetAddress> checked = destination.addresses();
    String host = CallbackAddresses.normalizedHost(destination.host());
    DnsResolver pinned = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String name) throws UnknownHostException {
        if (!CallbackAddresses.normalizedHost(name).equals(host)) {
          throw new UnknownHostException("not the checked host");
        }
        return checked.toArray(InetAddress[]::new);
      }

      @Override
      public String resolveCanonicalHostname(String name) {
        return name;
      }
    };
    DetachedSocketFactory checkedOnly = proxy -> sockets.unconnected(checked);
    DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(checkedOnly,
        DefaultSchemePortResolver.INSTANCE, pinned,
        RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
    BasicHttpClientConnectionManager connections = new BasicHttpClientConnectionManager(operator, null);
    connections.setConnectionConfig(ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setSocketTimeout(Timeout.of(requestTimeout))
        .build());
    return HttpClients.custom()
        .setConnectionManager(connections)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
        .build();
  }

  private static ApplicationFailure notDelivered(int attempt, boolean retryable) {
    String message = "completion callback not delivered (attempt " + attempt + ")";
    return retryable ? ApplicationFailure.newFailure(message, NOT_DELIVERED, attempt)
        : ApplicationFailure.newNonRetryableFailure(message, NOT_DELIVERED, attempt);
  }

  private static int attempt() {
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      return context.getInfo().getAttempt();
    } catch (RuntimeException outsideAnActivity) {
      return 1; // called directly (tests)
    }
  }

  private static String portOf(CallbackDestinations.Destination destination) {
    return destination.url().getPort() < 0 ? "" : ":" + destination.url().getPort();
  }

  /** Makes the unconnected socket of one delivery, given the addresses it may connect to. */
  @FunctionalInterface
  interface Sockets {
    Socket unconnected(List<InetAddress> checked) throws IOException;
  }

  /**
   * A socket that connects only to one of the checked addresses, whatever the HTTP client asks: the last guard between
   * a callback and an internal address.
   */
  static class CheckedAddressSocket extends Socket {
    private final List<InetAddress> checked;

    CheckedAddressSocket(List<InetAddress> checked) {
      this.checked = List.copyOf(checked);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress address) || !checked.contains(address.getAddress())) {
        throw new ConnectException("refused to connect to an address that was not checked");
      }
      super.connect(endpoint, timeout);
    }
  }
}
