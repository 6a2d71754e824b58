package dev.postings.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's checks before it starts anything, and where the services find each other. */
class LocalStackTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true);

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void thePortsComeFromTheSettingsElseTheLaunchersDefaults() {
    LocalStack.Ports ports = new LocalStack(Map.of("TEMPORAL_PORT", "37233", "STARTER_PORT", "38080",
        "REGISTRY_PORT", "35433"), out).ports();

    assertThat(ports.temporalTarget()).isEqualTo("127.0.0.1:37233");
    assertThat(ports.api()).hasToString("http://127.0.0.1:38080");
    // the worker and the starter get the registry's database as SPRING_DATASOURCE_URL
    assertThat(ports.registryJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:35433/registry");
    assertThat(ports.sandbox()).isEqualTo(System.getenv().containsKey("SANDBOX_PORT")
        ? Integer.parseInt(System.getenv("SANDBOX_PORT")) : 8090);
  }

  @Test
  void aPortInUseStopsTheLaunchBeforeAnyProcessStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalStack stack = new LocalStack(Map.of("TEMPORAL_PORT", String.valueOf(freePort()),
          "SANDBOX_PORT", String.valueOf(taken.getLocalPort()), "WORKER_PORT", String.valueOf(freePort()),
          "STARTER_PORT", String.valueOf(freePort()), "REGISTRY_PORT", String.valueOf(freePort())), out);

      assertThatThrownBy(stack::start).isInstanceOf(LocalStack.StackFailure.class)
          .hasMessageStartingWith("port " + taken.getLocalPort() + " is in use");
      assertThat(printed.toString()).doesNotContain("starting");
      stack.close();
    }
  }

  @Test
  void withoutTheBuiltJarsTheLaunchSaysHowToBuildThem() throws Exception {
    // the tests run in the tools module's folder, where no <module>/target/<module>-*-exec.jar is
    LocalStack stack = new LocalStack(Map.of("TEMPORAL_PORT", String.valueOf(freePort()),
        "SANDBOX_PORT", String.valueOf(freePort()), "WORKER_PORT", String.valueOf(freePort()),
        "STARTER_PORT", String.valueOf(freePort()), "REGISTRY_PORT", String.valueOf(freePort())), out);

    assertThatThrownBy(stack::start).isInstanceOf(LocalStack.StackFailure.class)
        .hasMessageContaining("-exec.jar").hasMessageContaining("./postings build");
    stack.close();
  }
}
