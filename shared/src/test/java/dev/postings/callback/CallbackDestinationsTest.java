package dev.postings.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The destination rule with a fake resolver: which URLs pass, with which addresses, and which never reach a resolver. */
class CallbackDestinationsTest {

  private final List<String> asked = new ArrayList<>();

  /** A DNS that knows a few names; every question is recorded. */
  private CallbackDestinations.HostResolver dns(Map<String, String[]> answers) {
    return host -> {
      asked.add(host);
      String[] literal = answers.get(host);
      if (literal == null) {
        throw new UnknownHostException(host);
      }
      InetAddress[] addresses = new InetAddress[literal.length];
      for (int i = 0; i < literal.length; i++) {
        addresses[i] = InetAddress.getByName(literal[i]);
      }
      return addresses;
    };
  }

  private final Map<String, String[]> zone = Map.of(
      "receiver.example", new String[] {"93.184.215.14"},
      "metadata.example", new String[] {"169.254.169.254"},
      "intranet.example", new String[] {"10.1.2.3"},
      "mixed.example", new String[] {"93.184.215.14", "192.168.0.10"},
      "v6.example", new String[] {"2606:4700::1111"},
      "ula.example", new String[] {"fd00::5"},
      "mapped.example", new String[] {"::ffff:127.0.0.1"},
      "local-receiver.test", new String[] {"127.0.0.1"});

  private CallbackDestinations destinations(boolean allowHttp, String... allowedHosts) {
    return new CallbackDestinations(List.of(allowedHosts), allowHttp, dns(zone));
  }

  @Test
  void aPublicHttpsHostPassesWithTheAddressesChecked() throws Exception {
    CallbackDestinations.Destination destination = destinations(false).check("https://receiver.example/cb?t=1");

    assertThat(destination.host()).isEqualTo("receiver.example");
    assertThat(destination.addresses()).containsExactly(InetAddress.getByName("93.184.215.14"));
    assertThat(destinations(false).check("https://v6.example/cb").addresses())
        .containsExactly(InetAddress.getByName("2606:4700::1111"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://metadata.example/latest", "https://intranet.example/", "https://mixed.example/cb",
      "https://ula.example/cb", "https://mapped.example/cb", "https://unknown.example/cb",
      "https://local-receiver.test:8443/cb"})
  void hostsResolvingToInternalAddressesOrNothingAreRefusedInTheSameWords(String url) {
    assertThatThrownBy(() -> destinations(false).check(url)).as(url)
        .isInstanceOf(CallbackDestinations.Refused.class)
        .hasMessage(CallbackDestinations.NOT_PUBLIC);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://127.0.0.1/cb", "https://127.1:8090/sandbox", "https://2130706433/cb",
      "https://0x7f.0.0.1/cb", "https://0177.0.0.1/cb", "https://[::1]/cb", "https://[::ffff:127.0.0.1]/cb",
      "https://[::ffff:7f00:1]/cb", "https://169.254.169.254/latest/meta-data", "https://0xa9fea9fe/",
      "https://[fe80::1]/cb", "https://10.0.0.1/cb", "https://192.168.1.1./cb", "https://0.0.0.0/cb",
      "https://[::]/cb", "https://224.0.0.1/cb", "https://[ff02::1]/cb", "https://[fd00::1]/cb",
      "https://localhost/cb", "https://localhost./cb", "https://LOCALHOST/cb", "https://api.localhost/cb",
      "https://999.1.1.1/cb", "https://1.2.3.4.5/cb"})
  void numericAndLocalhostHostsAreRefusedWithoutAskingAResolver(String url) {
    // (java.net.URI reads hosts like 127.1 or 2130706433 as no host at all: refused as well)
    assertThatThrownBy(() -> destinations(false).check(url)).as(url)
        .isInstanceOf(CallbackDestinations.Refused.class);
    assertThat(asked).as(url).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "0x7f.1", "[::1]", "::1",
      "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "169.254.169.254", "0xa9fea9fe", "0251.0376.0251.0376",
      "10.1", "192.168.1.1.", "0", "[::]", "localhost", "LOCALHOST.", "x.localhost", "999.1.1.1", "0x7g.1"})
  void everySpellingOfAnInternalHostIsRefusedWithoutAskingAResolver(String host) {
    assertThatThrownBy(() -> destinations(false).addressesOf(host)).as(host)
        .isInstanceOf(CallbackDestinations.Refused.class)
        .hasMessage(CallbackDestinations.NOT_PUBLIC);
    assertThat(asked).as(host).isEmpty();
  }

  @Test
  void httpIsRefusedUnlessAllowedAndOtherSchemesAlways() throws Exception {
    assertThatThrownBy(() -> destinations(false).check("http://receiver.example/cb"))
        .isInstanceOf(CallbackDestinations.Refused.class).hasMessage(CallbackDestinations.NOT_HTTPS);
    assertThat(destinations(true).check("http://receiver.example/cb").host()).isEqualTo("receiver.example");
    for (String url : List.of("ftp://receiver.example/x", "file:///etc/passwd", "gopher://receiver.example/",
        "https://user:pw@receiver.example/cb", "/relative")) {
      assertThatThrownBy(() -> destinations(true).check(url)).as(url)
          .isInstanceOf(CallbackDestinations.Refused.class);
    }
    assertThat(asked).containsExactly("receiver.example");
  }

  @Test
  void anAllowedHostPassesWhateverItResolvesToAndOnlyThatHost() throws Exception {
    CallbackDestinations allowing = destinations(true, "127.0.0.1", "Local-Receiver.TEST.");

    assertThat(allowing.check("http://127.0.0.1:9000/cb").addresses())
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThat(allowing.check("http://local-receiver.test:9000/cb").addresses())
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    // another spelling of the same address is another host: not allowed
    for (String url : List.of("http://127.1:9000/cb", "http://[::1]:9000/cb", "http://localhost:9000/cb",
        "http://169.254.169.254/")) {
      assertThatThrownBy(() -> allowing.check(url)).as(url).isInstanceOf(CallbackDestinations.Refused.class);
    }
  }

  @Test
  void theRefusalDetailNamesTheKindOfAddressForTheLogOnly() {
    assertThatThrownBy(() -> destinations(false).check("https://metadata.example/x"))
        .isInstanceOfSatisfying(CallbackDestinations.Refused.class, refused -> {
          assertThat(refused.detail()).isEqualTo("the host resolves to a link-local address");
          assertThat(refused.publicReason()).doesNotContain("link-local").doesNotContain("169.254");
        });
  }
}
