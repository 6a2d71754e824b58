package dev.postings.workflow.acquaint;

/**
 * The fields of an Acquaint transaction ({@code GET 17.0/database/transactions/{id}}) that matching and confirmation
 * need. Amounts in pence; null when missing or not a whole number of pence.
 *
 * @param type Acquaint's transaction type, e.g. {@code Receipt} or {@code Overpayment}
 * @param reference the payment's reference ({@code PaymentReference} of the request)
 * @param createdAt when Acquaint recorded it (ISO instant), or null when not given
 */
public record AcquaintTransaction(
    long id,
    String type,
    Long chargeId,
    Long tenancyId,
    Long debitMinor,
    Long creditMinor,
    Long paymentMethodId,
    Long bankAccountId,
    String reference,
    String notes,
    String statementNotes,
    String status,
    String transactionDate,
    String createdAt) {

  public static final String OVERPAYMENT = "Overpayment";
}
