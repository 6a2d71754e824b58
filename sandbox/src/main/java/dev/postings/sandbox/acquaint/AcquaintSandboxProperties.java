package dev.postings.sandbox.acquaint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Acquaint simulator's settings (docs/providers/acquaint.md#how-the-sandbox-simulates-acquaint). Auth and rate
 * limit follow Acquaint's Integrators API; what Acquaint leaves open (our decisions) is here.
 *
 * @param credentials accepted {@code sitePrefix:apiKey} pairs, one per simulated agency, each with its own database
 *     ({@link AcquaintSites}) and its own rate limit; the first is the default site of the control endpoints
 * @param jwtSecret the HS256 key the sandbox signs its bearer tokens with
 * @param tokenLifetime how long a token is valid ({@code expiresIn}); Acquaint: one hour
 * @param lostAnswerReferencePrefix a payment whose reference starts with this is applied, then answered 500 (an
 *     unclear outcome that a read-back must resolve)
 * @param rateLimit requests per endpoint per key per minute
 * @param rentItems rent-due items the sandbox starts with, each in its {@code site}'s database (the first site's when
 *     it names none)
 * @param charges charges with an outstanding balance the sandbox starts with, placed as rent items are
 * @param documentedFieldsOnly answer only what Acquaint's documents name: a transaction read by id carries only {@code
 *     Debit, Credit, PaymentMethodID, Notes, StatementNotes, BankAccountID, TenancyID, Status}, a rent-due item only
 *     {@code Id, Due, Received, ReferenceChequeNo}, and the search of a charge's transactions (ours, undocumented)
 *     does not exist. What a real Acquaint adds beyond its documents must never be what a posting depends on.
 */
@ConfigurationProperties("sandbox.acquaint")
public record AcquaintSandboxProperties(
    @DefaultValue("DEV:dev-acquaint-key") List<String> credentials,
    @DefaultValue("acquaint-sandbox-signing-key-not-a-secret") String jwtSecret,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue("LOST-") String lostAnswerReferencePrefix,
    @DefaultValue RateLimit rateLimit,
    List<RentItemFixture> rentItems,
    List<ChargeFixture> charges,
    @DefaultValue("false") boolean documentedFieldsOnly) {

  /** Acquaint: 100 requests/minute per endpoint per key; past it, 429 until the minute window resets. */
  public record RateLimit(@DefaultValue("100") int requestsPerMinute) {}

  /** A rent-due item: {@code due} is the amount due, {@code received} what has been received on it so far. */
  public record RentItemFixture(String site, long id, long tenancyId, Long contactId, String dueDate, BigDecimal due,
      BigDecimal received, String description) {}

  /** A charge raised on a tenancy, {@code outstanding} of its {@code amount} still to pay. */
  public record ChargeFixture(String site, long id, long tenancyId, String description, BigDecimal amount,
      BigDecimal outstanding) {}

  /** The site prefixes, in the order configured. */
  public List<String> sites() {
    return credentials.stream().filter(credential -> credential.indexOf(':') > 0)
        .map(credential -> credential.substring(0, credential.indexOf(':'))).distinct().toList();
  }
}
