package dev.postings.propexo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postings.workflow.propexo.PropertywarePayment;

/**
 * The JSON body of {@code POST /v1/resident-payments/propertyware_rest/}, field for field as Propexo documents it
 * (docs/providers/propexo.md#create-resident-payment-propertyware-rest): integer {@code amount_in_cents}, ISO date-time
 * {@code transaction_date}, {@code description} only when present (Propexo rejects unknown fields, and nulls are not
 * documented as accepted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PropertywarePaymentBody(
    @JsonProperty("integration_id") String integrationId,
    @JsonProperty("lease_id") String leaseId,
    @JsonProperty("resident_id") String residentId,
    @JsonProperty("financial_account_id") String financialAccountId,
    @JsonProperty("amount_in_cents") long amountInCents,
    @JsonProperty("transaction_date") String transactionDate,
    @JsonProperty("payment_type") String paymentType,
    @JsonProperty("reference_number") String referenceNumber,
    @JsonProperty("description") String description) {

  static PropertywarePaymentBody of(PropertywarePayment payment) {
    return new PropertywarePaymentBody(
        payment.integrationId(),
        payment.leaseId(),
        payment.residentId(),
        payment.financialAccountId(),
        payment.amountInCents(),
        payment.transactionDate().toString(),
        payment.paymentType(),
        payment.referenceNumber(),
        payment.description());
  }
}
