package dev.postings.sandbox.acquaint;

import dev.postings.sandbox.acquaint.AcquaintSandboxProperties.ChargeFixture;
import dev.postings.sandbox.acquaint.AcquaintSandboxProperties.RentItemFixture;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * One Acquaint database per agency. Acquaint gives each agency its own database, API key and site prefix
 * (docs/providers/acquaint.md#authentication): a bearer token names its site, and every 17.0 call reads and writes
 * that site's ledger only, so an id from another agency's database is simply not found there.
 */
@Configuration
public class AcquaintSites {

  private final Map<String, AcquaintLedger> ledgers = new LinkedHashMap<>();

  public AcquaintSites(AcquaintSandboxProperties properties, Clock clock) {
    List<String> sites = properties.sites();
    if (sites.isEmpty()) {
      throw new IllegalStateException("sandbox.acquaint.credentials names no sitePrefix:apiKey pair");
    }
    String first = sites.get(0);
    List<RentItemFixture> rentItems = properties.rentItems() == null ? List.of() : properties.rentItems();
    List<ChargeFixture> charges = properties.charges() == null ? List.of() : properties.charges();
    for (String site : sites) {
      ledgers.put(key(site), new AcquaintLedger(clock,
          rentItems.stream().filter(item -> key(item.site() == null ? first : item.site()).equals(key(site))).toList(),
          charges.stream().filter(charge -> key(charge.site() == null ? first : charge.site()).equals(key(site)))
              .toList()));
    }
    // a fixture of a site without credentials is left out: a run that names its own sites (a test giving one
    // sitePrefix:apiKey pair) keeps the first site's fixtures and drops the rest
  }

  /** The site's ledger, if the site exists (site prefixes are matched without regard to case, as at sign-in). */
  public Optional<AcquaintLedger> ledger(String site) {
    return Optional.ofNullable(site == null ? null : ledgers.get(key(site)));
  }

  /** The first configured site's ledger: the control endpoints' default, and what single-site tests inspect. */
  @Bean
  @Primary
  public AcquaintLedger firstSite() {
    return ledgers.values().iterator().next();
  }

  /** Every site prefix, in the order configured. */
  public List<String> sites() {
    return List.copyOf(ledgers.keySet());
  }

  private static String key(String site) {
    return site.toUpperCase(Locale.ROOT);
  }
}
