package dev.postings.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address rule as a pure function over literal addresses and host spellings: nothing here resolves a name or
 * connects anywhere.
 */
class CallbackAddressesTest {

  private static Optional<String> internal(String literal) throws Exception {
    return CallbackAddresses.internal(InetAddress.getByName(literal));
  }

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, loopback", "127.255.255.254, loopback", "::1, loopback",
      "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
      "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
      "100.64.0.1, private (shared address space)",
      "169.254.169.254, link-local", "fe80::1, link-local",
      "fc00::1, unique-local", "fd12:3456::1, unique-local",
      "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
      "255.255.255.255, broadcast", "240.0.0.1, reserved", "192.0.2.1, reserved", "198.18.0.1, reserved",
      // IPv6 spellings of IPv4 addresses are judged by the IPv4 address
      "::ffff:127.0.0.1, loopback", "::ffff:169.254.169.254, link-local", "::ffff:10.1.2.3, private",
      "0:0:0:0:0:ffff:7f00:1, loopback", "::127.0.0.1, loopback", "::10.0.0.1, private",
      "64:ff9b::7f00:1, loopback", "64:ff9b::a9fe:a9fe, link-local", "2002:7f00:1::1, loopback",
      "2002:c0a8:101::1, private", "2001:0:4136:e378:8000:63bf:3fff:fdd2, reserved (Teredo)",
      "fec0::1, private (site-local)"})
  void internalAddressesAreNamed(String literal, String kind) throws Exception {
    assertThat(internal(literal)).as(literal).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
      "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
  void publicAddressesPass(String literal) throws Exception {
    assertThat(internal(literal)).as(literal).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "2130706433, 127.0.0.1", "0x7f000001, 127.0.0.1", "017700000001, 127.0.0.1", "0177.0.0.1, 127.0.0.1",
      "0x7f.0.0.1, 127.0.0.1", "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "0x7f.1, 127.0.0.1",
      "0xa9.0xfe.0xa9.0xfe, 169.254.169.254", "0251.0376.0251.0376, 169.254.169.254", "2852039166, 169.254.169.254",
      "10.1, 10.0.0.1", "0, 0.0.0.0", "8.8.8.8, 8.8.8.8"})
  void ipv4IsReadAsTheSystemResolverWouldReadIt(String spelled, String address) throws Exception {
    String host = CallbackAddresses.normalizedHost(spelled);
    assertThat(CallbackAddresses.isNumeric(host)).as(spelled).isTrue();
    assertThat(CallbackAddresses.literal(host)).as(spelled).contains(InetAddress.getByName(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "0x", "09.0.0.1", "4294967296", "1..1", "127.0.0.1x",
      "1.2.3.0x1g", "[fe80::1%eth0]"})
  void numericHostsThatSpellNoAddressAreNotAddresses(String spelled) {
    String host = CallbackAddresses.normalizedHost(spelled);
    assertThat(CallbackAddresses.isNumeric(host)).as(spelled).isTrue();
    assertThat(CallbackAddresses.literal(host)).as(spelled).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"LOCALHOST., localhost", "[::1], ::1", "Example.COM.., example.com", "[::FFFF:7F00:1], ::ffff:7f00:1"})
  void hostsAreNormalised(String spelled, String normalized) {
    assertThat(CallbackAddresses.normalizedHost(spelled)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "localhost.", "LocalHost", "api.localhost", "a.b.localhost.",
      "localhost.localdomain", "ip6-localhost"})
  void localhostNamesAreRecognised(String spelled) {
    assertThat(CallbackAddresses.isLocalhostName(CallbackAddresses.normalizedHost(spelled))).as(spelled).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "1password.com", "localhost.example.com", "mylocalhost"})
  void namesAreNames(String spelled) {
    String host = CallbackAddresses.normalizedHost(spelled);
    assertThat(CallbackAddresses.isNumeric(host)).as(spelled).isFalse();
    assertThat(CallbackAddresses.isLocalhostName(host)).as(spelled).isFalse();
  }
}
