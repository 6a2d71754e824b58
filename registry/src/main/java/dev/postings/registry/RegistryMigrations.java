package dev.postings.registry;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The registry's schema, as Flyway migrations under {@code classpath:db/registry}. Kept apart from Flyway's default
 * location so that a service with migrations of its own never runs these by accident; with Spring Boot's Flyway
 * support, name the location in {@code spring.flyway.locations} instead of calling {@link #migrate}.
 */
public final class RegistryMigrations {

  public static final String LOCATION = "classpath:db/registry";

  private RegistryMigrations() {}

  /** Brings the database up to the newest schema; a database already there is left as it is. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        // a migration edited after it ran is a mistake to stop on, never to repair silently
        .validateOnMigrate(true)
        .load()
        .migrate();
  }
}
