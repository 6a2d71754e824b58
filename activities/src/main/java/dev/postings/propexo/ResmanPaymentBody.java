package dev.postings.propexo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postings.workflow.propexo.ResmanPayment;

/**
 * The JSON body of {@code POST /v1/resident-payments/resman/}, field for field as Propexo documents it
 * (docs/providers/propexo.md#create-resident-payment-resman): every field required, {@code transaction_date} an ISO
 * date-time, integer {@code amount_in_cents}.
 */
record ResmanPaymentBody(
    @JsonProperty("integration_id") String integrationId,
    @JsonProperty("resident_id") String residentId,
    @JsonProperty("payment_type") String paymentType,
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("transaction_date") String transactionDate,
    @JsonProperty("description") String description,
    @JsonProperty("notes") String notes,
    @JsonProperty("amount_in_cents") long amountInCents,
    @JsonProperty("reference_number") String referenceNumber) {

  static ResmanPaymentBody of(ResmanPayment payment) {
    return new ResmanPaymentBody(
        payment.integrationId(),
        payment.residentId(),
        payment.paymentType(),
        payment.batchId(),
        payment.transactionDate().toString(),
        payment.description(),
        payment.notes(),
        payment.amountInCents(),
        payment.referenceNumber());
  }
}
