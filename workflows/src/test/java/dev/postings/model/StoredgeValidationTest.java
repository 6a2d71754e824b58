package dev.postings.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The storEDGE-specific checks, and the target's JSON form. */
class StoredgeValidationTest {

  private static final Instant NOW = Instant.parse("2024-01-15T12:00:00Z");
  private static final StoredgeBillingAddress ADDRESS =
      new StoredgeBillingAddress("123 Main", null, "Somecity", "AL", "12345", "US");
  private final PostingValidator validator = new PostingValidator(PostingLimits.defaults());

  private static PostingRequest request(StoredgeTarget target) {
    return new PostingRequest("se-1", Provider.STOREDGE, new Money(500, "USD"), NOW, null, "SE-1", null, target);
  }

  private static StoredgeTarget target(StoredgePaymentKind kind, Integer months, StoredgePaymentMethod method) {
    return new StoredgeTarget("fac_1", "led_1", kind, months, method);
  }

  private List<String> fields(StoredgeTarget target) {
    return validator.validate(request(target), NOW).stream().map(FieldError::field).toList();
  }

  @Test
  void everyKindOfMethodIsValidWhenComplete() {
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.Stored("pm_1")))).isEmpty();
    assertThat(fields(target(StoredgePaymentKind.PREPAY, 3, new StoredgePaymentMethod.NewCard("John", "Doe", "visa",
        "01/24", "1111", "vault-1", ADDRESS)))).isEmpty();
    assertThat(fields(target(StoredgePaymentKind.BALANCE, null, new StoredgePaymentMethod.NewAch("John", "Doe",
        "checking", "First Bank", "011000015", "6789", "vault-2", ADDRESS)))).isEmpty();
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.Check("John", "Doe", "1001",
        "John Doe", ADDRESS)))).isEmpty();
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.Cash("John", "Doe",
        ADDRESS)))).isEmpty();
  }

  @Test
  void missingIdsKindAndMethodAreNamed() {
    assertThat(fields(new StoredgeTarget(" ", null, null, null, null))).containsExactlyInAnyOrder(
        "target.facilityId", "target.ledgerId", "target.paymentKind", "target.paymentMethod");
  }

  @Test
  void monthsBelongToPrepayOnly() {
    StoredgePaymentMethod stored = new StoredgePaymentMethod.Stored("pm_1");
    assertThat(fields(target(StoredgePaymentKind.PREPAY, null, stored))).containsExactly("target.months");
    assertThat(fields(target(StoredgePaymentKind.PREPAY, 25, stored))).containsExactly("target.months");
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, 2, stored))).containsExactly("target.months");
  }

  @Test
  void aNewCardCarriesOnlyLast4AndAVaultReferenceAndMustNotHaveExpired() {
    StoredgeTarget fullNumber = target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.NewCard("John",
        "Doe", "maestro", "12/23", "4111111111111111", null, null));
    assertThat(fields(fullNumber)).containsExactlyInAnyOrder("target.paymentMethod.cardType",
        "target.paymentMethod.expirationDate", "target.paymentMethod.last4", "target.paymentMethod.vaultRef",
        "target.paymentMethod.billingAddress");
    assertThat(validator.validate(request(fullNumber), NOW).toString()).doesNotContain("4111111111111111");
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.NewCard("John", "Doe",
        "visa", "1/25", "1111", "v", ADDRESS)))).containsExactly("target.paymentMethod.expirationDate");
  }

  @Test
  void achNeedsANineDigitRoutingNumberAndCheckItsNumberAndName() {
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.NewAch("John", "Doe", null,
        null, "12345", "6789", "v", ADDRESS)))).containsExactlyInAnyOrder("target.paymentMethod.accountType",
        "target.paymentMethod.bankName", "target.paymentMethod.routingNumber");
    assertThat(fields(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.Check("John", null, null,
        null, ADDRESS)))).containsExactlyInAnyOrder("target.paymentMethod.lastName",
        "target.paymentMethod.checkNumber", "target.paymentMethod.nameOnCheck");
  }

  @Test
  void theTargetRoundTripsThroughJsonWithItsKinds() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    PostingRequest request = request(target(StoredgePaymentKind.CUSTOM, null, new StoredgePaymentMethod.NewCard(
        "John", "Doe", "visa", "10/49", "1111", "vault-1", ADDRESS)));

    String text = json.writeValueAsString(request);

    assertThat(text).contains("\"kind\":\"STOREDGE\"", "\"kind\":\"CREDIT_CARD\"");
    assertThat(json.readValue(text, PostingRequest.class)).isEqualTo(request);
  }
}
