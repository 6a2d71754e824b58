package dev.postings.sandbox;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Simulators of the provider APIs, for local runs, tests and benchmarks. Each behaves like the vendor's documented API
 * (docs/providers/, each page's "How the sandbox simulates" section), including its awkward parts; every behaviour the
 * vendor leaves open is configurable.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts the sandbox with its own configuration file ({@code sandbox.yml}), so it can share a JVM with the others. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(SandboxApplication.class)
        .properties("spring.config.name=sandbox")
        .run(args);
  }

  @Bean
  SandboxClock sandboxClock() {
    return new SandboxClock(Clock.systemUTC());
  }
}
