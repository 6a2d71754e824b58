package dev.postings.workflow.propexo;

import dev.postings.model.TransactionDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How a posting recognises its own record among a resident's payments. Propexo cannot filter by reference number, so
 * the match is ours: same reference, same amount, same (UTC) transaction day, and not created before the posting could
 * have sent it (a record created earlier is another payment that happens to share reference and amount).
 *
 * @param referenceNumber the posting's reference
 * @param amountInCents the posting's amount
 * @param transactionDay the posting's transaction date as a UTC day
 * @param notBefore the posting's start less the allowed clock skew
 */
public record ResidentPaymentMatch(String referenceNumber, long amountInCents, LocalDate transactionDay,
    Instant notBefore) {

  public boolean matches(ResidentPayment payment) {
    if (!referenceNumber.equals(payment.referenceNumber())
        || payment.amountInCents() == null || payment.amountInCents() != amountInCents) {
      return false;
    }
    Instant transactionDate = TransactionDates.parse(payment.transactionDate()).orElse(null);
    if (transactionDate != null && !transactionDate.atOffset(ZoneOffset.UTC).toLocalDate().equals(transactionDay)) {
      return false;
    }
    Instant createdAt = TransactionDates.parse(payment.createdAt()).orElse(null);
    return createdAt == null || !createdAt.isBefore(notBefore);
  }

  /** In words, for evidence on the timeline. */
  public String describe() {
    return "reference " + referenceNumber + ", amount " + amountInCents + ", transaction day " + transactionDay
        + " and created since " + notBefore;
  }
}
