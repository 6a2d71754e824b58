package dev.postings.starter;

import dev.postings.registry.RegistryTestDatabases;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every Spring context of this module's tests that names no database gets a registry database of its own on the one
 * embedded PostgreSQL of the test JVM (RegistryTestDatabases), never H2: a real PostgreSQL without each test doing
 * anything. A test that wants several contexts on one database (a stack) sets {@code spring.datasource.url} itself.
 * Registered in src/test/resources/META-INF/spring.factories.
 */
public final class RegistryTestDatabase implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getProperty("spring.datasource.url") != null) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource("registry-test-database", Map.of(
        "spring.datasource.url", RegistryTestDatabases.freshDatabase(),
        "spring.datasource.username", RegistryTestDatabases.USER)));
  }
}
