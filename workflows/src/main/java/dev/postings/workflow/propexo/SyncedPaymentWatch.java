package dev.postings.workflow.propexo;

import dev.postings.model.PostingRequest;
import dev.postings.model.ResmanTarget;
import dev.postings.model.TransactionDates;
import dev.postings.workflow.PropexoPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the synced-record watch looks for: the narrowest list query Propexo offers (integration, resident,
 * transaction-date window; every page), and the match applied to each record. One rule for every place that asks
 * "is this synced record that posting's payment?": the posting's own watch and look, and a {@code DATA_NEW} notice
 * deciding which posting to wake.
 */
public record SyncedPaymentWatch(ResidentPaymentSearch search, ResidentPaymentMatch match) {

  /**
   * What a ResMan posting waits for.
   *
   * @param runStartedAt when the posting's run started (a record created before it, less the clock skew, is another
   *     payment)
   */
  public static SyncedPaymentWatch of(PostingRequest request, ResmanTarget target, PropexoPolicy propexo,
      Instant runStartedAt) {
    ResidentPaymentSearch search = new ResidentPaymentSearch(
        target.integrationId(),
        target.residentId(),
        null,
        request.transactionDate().minus(propexo.lookupWindow()),
        request.transactionDate().plus(propexo.lookupWindow()));
    Instant notBefore = runStartedAt.minus(propexo.clockSkew() == null ? Duration.ZERO : propexo.clockSkew());
    ResidentPaymentMatch match = new ResidentPaymentMatch(request.referenceNumber(), request.amount().minor(),
        request.transactionDate().atOffset(ZoneOffset.UTC).toLocalDate(), notBefore);
    return new SyncedPaymentWatch(search, match);
  }

  /**
   * Whether this record is the one watched for: the watch's list query would return it (same integration and
   * resident, transaction date within the window, both ends included) and it matches.
   */
  public boolean covers(ResidentPayment payment) {
    if (payment.integrationId() != null && !payment.integrationId().equals(search.integrationId())) {
      return false;
    }
    if (!Objects.equals(payment.residentId(), search.residentId())) {
      return false;
    }
    Instant transactionDate = TransactionDates.parse(payment.transactionDate()).orElse(null);
    if (transactionDate == null || transactionDate.isBefore(search.transactionDateStart())
        || transactionDate.isAfter(search.transactionDateEnd())) {
      return false;
    }
    return match.matches(payment);
  }
}
