package dev.postings.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PostingValidator's rules for Acquaint targets (the Propertyware rules are PostingValidatorTest's). */
class AcquaintValidationTest {

  private static final Instant NOW = Instant.parse("2026-03-20T00:00:00Z");
  private final PostingValidator validator = new PostingValidator(PostingLimits.defaults());

  private static PostingRequest request(String paymentType, PostingTarget target) {
    return new PostingRequest("aq-0001", Provider.ACQUAINT, new Money(95_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), paymentType, "BACS-1", "March rent", target);
  }

  private List<String> fieldsAtFault(PostingRequest request) {
    return validator.validate(request, NOW).stream().map(FieldError::field).toList();
  }

  @Test
  void validRentAndChargeRequestsHaveNoErrors() {
    assertThat(fieldsAtFault(request("3", new AcquaintRentTarget(5001L, 301L, 1L, null, null, null)))).isEmpty();
    assertThat(fieldsAtFault(request("3", new AcquaintChargeTarget(7001L, 1L, 401L, true)))).isEmpty();
  }

  @Test
  void everyMissingOrImpossibleIdIsNamed() {
    assertThat(fieldsAtFault(request("3", new AcquaintRentTarget(null, 0L, -1L, 0L, 2_147_483_648L, null))))
        .containsExactlyInAnyOrder("target.rentItemId", "target.tenancyId", "target.bankAccountId",
            "target.receivedFromContactId", "target.landlordId");
    assertThat(fieldsAtFault(request("3", new AcquaintChargeTarget(null, null, 0L, null))))
        .containsExactlyInAnyOrder("target.chargeId", "target.bankAccountId", "target.receivedFromContactId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "CASH", "0", "-3", "3.0", "03", "2147483648", "99999999999"})
  void thePaymentTypeMustBeAnAcquaintPaymentMethodId(String paymentType) {
    assertThat(fieldsAtFault(request(paymentType, new AcquaintChargeTarget(7001L, 1L, null, null))))
        .containsExactly("paymentType");
  }

  @Test
  void amountsAreInPoundsSterlingAndTargetsMustBeAcquaints() {
    PostingRequest dollars = new PostingRequest("aq-0002", Provider.ACQUAINT, new Money(100, "USD"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", "R", null, new AcquaintChargeTarget(7001L, 1L, null, null));
    assertThat(fieldsAtFault(dollars)).containsExactly("amount.currency");
    PostingRequest wrongProvider = new PostingRequest("aq-0003", Provider.PROPERTYWARE, new Money(100, "USD"),
        Instant.parse("2026-03-13T12:39:00Z"), "CHECK", "R", null, new AcquaintChargeTarget(7001L, 1L, null, null));
    assertThat(fieldsAtFault(wrongProvider)).containsExactly("target");
  }
}
