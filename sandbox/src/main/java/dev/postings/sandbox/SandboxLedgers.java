package dev.postings.sandbox;

import dev.postings.sandbox.acquaint.AcquaintLedger;
import dev.postings.sandbox.ledger.LedgerEntry;
import dev.postings.sandbox.propexo.PropexoLedger;
import dev.postings.sandbox.storedge.StoredgeBook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox only: each provider's whole ledger as one JSON shape, so that a run can be checked against what it expected:
 * every applied payment with the key of its posting, and the keys that were applied more than once.
 */
@RestController
public class SandboxLedgers {

  static final List<String> PROVIDERS = List.of("propertyware", "resman", "acquaint", "storedge");

  private final PropexoLedger propexo;
  private final AcquaintLedger acquaint;
  private final StoredgeBook storedge;

  public SandboxLedgers(PropexoLedger propexo, AcquaintLedger acquaint, StoredgeBook storedge) {
    this.propexo = propexo;
    this.acquaint = acquaint;
    this.storedge = storedge;
  }

  /**
   * {@code {provider, total, pendingJobs, entries:[...], duplicates:{postingKey: n}}}. Propertyware and ResMan list
   * what the PMS holds (records; ResMan's partner transactions, whatever the PMC decided), and count Propexo jobs not
   * settled yet apart, since those may still fail.
   */
  @GetMapping("/sandbox/ledger/{provider}")
  ResponseEntity<?> ledger(@PathVariable String provider) {
    List<LedgerEntry> entries;
    long pendingJobs = 0;
    switch (provider) {
      case "propertyware" -> {
        entries = propexo.propertywareEntries();
        pendingJobs = propexo.pendingJobs(PropexoLedger.PROPERTYWARE);
      }
      case "resman" -> {
        entries = propexo.resmanEntries();
        pendingJobs = propexo.pendingJobs(PropexoLedger.RESMAN);
      }
      case "acquaint" -> entries = acquaint.entries();
      case "storedge" -> entries = storedge.entries();
      default -> {
        return ResponseEntity.badRequest().body(Map.of("error", "unknown provider '" + provider + "'; known: "
            + PROVIDERS));
      }
    }
    Map<String, Long> perKey = new TreeMap<>();
    entries.stream().filter(LedgerEntry::countsAsPayment)
        .forEach(entry -> perKey.merge(String.valueOf(entry.postingKey()), 1L, Long::sum));
    Map<String, Long> duplicates = new TreeMap<>();
    perKey.forEach((key, n) -> {
      if (n > 1) {
        duplicates.put(key, n);
      }
    });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("provider", provider);
    answer.put("total", entries.stream().filter(LedgerEntry::countsAsPayment).count());
    answer.put("pendingJobs", pendingJobs);
    answer.put("duplicates", duplicates);
    answer.put("entries", entries);
    return ResponseEntity.ok(answer);
  }
}
