package dev.postings.starter.cardvault;

import dev.postings.cardvault.CardSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Cardholder data between the request that brought it and the activity that sends it to the provider: in this
 * process's memory only, under a random reference (256 bits, unguessable), for a short lifetime. The workflow carries
 * the reference; the worker redeems it over {@link CardVaultEndpoint} right before the provider call and discards it
 * right after. Whatever is not discarded expires after the TTL; expired and discarded values are overwritten.
 *
 * <p>Memory only, on purpose: nothing to leak from a disk or a backup. The price: a restart of the starter loses what
 * was sealed, and postings that had not yet sent their payment cannot charge (the worker gets "unavailable").
 */
public final class SealedCardStore {

  private static final Pattern REFERENCE = Pattern.compile("cv_[A-Za-z0-9_-]{43}");

  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Sealed> sealed = new ConcurrentHashMap<>();

  public SealedCardStore(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Seals the values and returns the reference that redeems them until the TTL ends. */
  public String seal(CardSecrets secrets) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String reference = "cv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sealed.put(reference, new Sealed(secrets, clock.instant().plus(ttl)));
    return reference;
  }

  /** The values behind the reference, unless it is unknown, expired or discarded. */
  public Optional<CardSecrets> redeem(String reference) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      return Optional.empty();
    }
    Sealed entry = sealed.get(reference);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expiredAt(clock.instant())) {
      forget(reference, entry);
      return Optional.empty();
    }
    return entry.open();
  }

  /** Forgets the values; {@code false} if there was nothing (left) to forget. */
  public boolean discard(String reference) {
    Sealed entry = reference == null ? null : sealed.remove(reference);
    if (entry == null) {
      return false;
    }
    boolean wasLive = !entry.expiredAt(clock.instant());
    entry.wipe();
    return wasLive;
  }

  /** Forgets every expired entry; returns how many. Run periodically; {@link #redeem} checks expiry on its own. */
  public int purgeExpired() {
    Instant now = clock.instant();
    int purged = 0;
    for (Map.Entry<String, Sealed> entry : sealed.entrySet()) {
      if (entry.getValue().expiredAt(now) && forget(entry.getKey(), entry.getValue())) {
        purged++;
      }
    }
    return purged;
  }

  /** Entries held, expired or not (for tests and metrics). */
  public int size() {
    return sealed.size();
  }

  private boolean forget(String reference, Sealed entry) {
    boolean removed = sealed.remove(reference, entry);
    entry.wipe();
    return removed;
  }

  /**
   * One sealed set of values as char arrays, so they can be overwritten when forgotten (the Strings handed in and
   * out are beyond our reach; the copy that lives longest is not).
   */
  private static final class Sealed {
    private final char[] cardNumber;
    private final char[] securityCode;
    private final char[] accountNumber;
    private final Instant expiresAt;
    private boolean wiped;

    Sealed(CardSecrets secrets, Instant expiresAt) {
      this.cardNumber = chars(secrets.cardNumber());
      this.securityCode = chars(secrets.securityCode());
      this.accountNumber = chars(secrets.accountNumber());
      this.expiresAt = expiresAt;
    }

    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }

    synchronized Optional<CardSecrets> open() {
      if (wiped) {
        return Optional.empty();
      }
      return Optional.of(new CardSecrets(string(cardNumber), string(securityCode), string(accountNumber)));
    }

    synchronized void wipe() {
      wiped = true;
      for (char[] value : new char[][] {cardNumber, securityCode, accountNumber}) {
        if (value != null) {
          Arrays.fill(value, '\0');
        }
      }
    }

    private static char[] chars(String value) {
      return value == null ? null : value.toCharArray();
    }

    private static String string(char[] value) {
      return value == null ? null : new String(value);
    }
  }
}
