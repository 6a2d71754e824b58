package dev.postings.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API service: the REST API, its front door, Propexo's webhooks, the console and the card vault. The local tools
 * (the local Temporal server, demo, bench, chaos) are the tools module's, and never run in this process.
 */
// no user store: every caller is authenticated by a key, a secret or a signature (FrontDoorSecurity), and Spring Boot
// would otherwise create a default user with a generated password
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class StarterApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts the API with its own configuration file ({@code starter.yml}). */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(StarterApplication.class)
        .properties("spring.config.name=starter")
        .run(args);
  }
}
