package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack is reachable from this machine only: every listening socket of the Temporal test server, the
 * sandbox, the worker and the starter is bound to 127.0.0.1, never to a wildcard or another interface. Read from the
 * kernel's own table of TCP sockets (Linux {@code /proc/net/tcp} and {@code tcp6}), so what is checked is what listens.
 */
class LocalStackBindingTest {

  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final Path TCP6 = Path.of("/proc/net/tcp6");
  /** 127.0.0.1 as /proc/net/tcp writes it (little-endian hex). */
  private static final String LOOPBACK = "0100007F";
  private static final String LISTEN = "0A";
  private static final String V4_MAPPED = "0000000000000000FFFF0000";

  /** The local address of every listening socket on this port, as written in the table ("0100007F", "00000000"...). */
  private static List<String> listeningOn(int port) throws Exception {
    List<String> addresses = new ArrayList<>();
    for (Path table : List.of(TCP, TCP6)) {
      if (!Files.exists(table)) {
        continue;
      }
      List<String> lines = Files.readAllLines(table);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
          String address = local[0].toUpperCase(Locale.ROOT);
          // a Java IPv6 socket bound to 127.0.0.1 is listed as ::ffff:127.0.0.1 in tcp6
          addresses.add(address.startsWith(V4_MAPPED) ? address.substring(V4_MAPPED.length()) : address);
        }
      }
    }
    return addresses;
  }

  @Test
  void everyPortOfTheLocalStackListensOnLoopbackOnly() throws Exception {
    assumeTrue(Files.exists(TCP), "needs Linux's /proc/net/tcp to see which address a socket listens on");
    try (LocalStack stack = new LocalStack()) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("temporal", stack.temporal.port());
      ports.put("sandbox", port(stack.sandbox));
      ports.put("worker", port(stack.worker));
      ports.put("starter", port(stack.starter));

      ports.forEach((process, port) -> {
        try {
          assertThat(listeningOn(port)).as(process + " on port " + port).containsOnly(LOOPBACK).isNotEmpty();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  private static int port(org.springframework.context.ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
