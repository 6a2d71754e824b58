package dev.postings.starter;

import dev.postings.starter.bench.BenchRun;
import dev.postings.starter.chaos.ChaosRun;
import dev.postings.starter.demo.DemoRun;
import dev.postings.starter.local.LocalTemporalServer;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter jar carries five commands: the REST API (default), the local Temporal server ({@code temporal-server}),
 * the demo client ({@code demo}), the benchmark ({@code bench}) and the chaos run ({@code chaos}), so the launcher needs one jar for everything that
 * is not a worker or the sandbox.
 */
// no user store: every caller is authenticated by a key, a secret or a signature (FrontDoorSecurity), and Spring Boot
// would otherwise create a default user with a generated password
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class StarterApplication {

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "serve";
    String[] rest = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "serve" -> start(rest);
      case "temporal-server" -> LocalTemporalServer.main(rest);
      case "demo" -> System.exit(DemoRun.run(rest));
      case "bench" -> System.exit(BenchRun.run(rest));
      case "chaos" -> System.exit(ChaosRun.run(rest));
      default -> {
        System.err.println("unknown command " + command + "; commands: serve (default), temporal-server, demo, bench, chaos");
        System.exit(2);
      }
    }
  }

  /** Starts the API with its own configuration file ({@code starter.yml}). */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(StarterApplication.class)
        .properties("spring.config.name=starter")
        .run(args);
  }
}
