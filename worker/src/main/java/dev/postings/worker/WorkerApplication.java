package dev.postings.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hosts the Temporal workers: the posting workflow on its task queue, and each provider's activities on their own task
 * queue with that provider's rate limit. Holds no state of its own: run as many as load needs, kill any of them.
 */
@SpringBootApplication
public class WorkerApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts with its own configuration file ({@code worker.yml}), so it can share a JVM with the others in tests. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(WorkerApplication.class)
        .properties("spring.config.name=worker")
        .run(args);
  }
}
