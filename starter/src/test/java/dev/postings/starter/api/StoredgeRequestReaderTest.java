package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardSecrets;
import dev.postings.model.FieldError;
import dev.postings.model.PostingFingerprint;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingValidator;
import dev.postings.model.Provider;
import dev.postings.model.StoredgeBillingAddress;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST body of a storEDGE posting; cardholder data is returned apart, never in the request or an error. */
class StoredgeRequestReaderTest {

  static final String CARD_NUMBER = "4111111111111111";
  static final String SECURITY_CODE = "737";

  static final String STORED = """
      {"postingId":"se-stored-0001","connectionId":"storedge-main","provider":"STOREDGE",
       "amount":{"minor":1000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-0001",
       "target":{"facilityId":"fac_1","ledgerId":"led_1","paymentKind":"CUSTOM",
                 "paymentMethod":{"kind":"STORED","paymentMethodId":"pm_1"}}}""";

  static final String CARD = """
      {"postingId":"se-card-0001","connectionId":"storedge-main","provider":"STOREDGE",
       "amount":{"minor":2000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-0002","description":"Unit U25",
       "target":{"facilityId":"fac_1","ledgerId":"led_1","paymentKind":"PREPAY","months":2,
                 "paymentMethod":{"kind":"CREDIT_CARD","firstName":"John","lastName":"Doe","cardType":"visa",
                   "cardNumber":"4111111111111111","securityCode":"737","expirationDate":"10/49",
                   "billingAddress":{"address1":"123 Main","city":"Somecity","state":"AL","postal":"12345",
                                     "country":"US"}}}}""";

  static final String ACH = """
      {"postingId":"se-ach-0001","connectionId":"storedge-main","provider":"STOREDGE",
       "amount":{"minor":2000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-0003",
       "target":{"facilityId":"fac_1","ledgerId":"led_1","paymentKind":"BALANCE",
                 "paymentMethod":{"kind":"ACH","firstName":"John","lastName":"Doe","accountNumber":"000123456789",
                   "accountType":"checking","bankName":"First Bank","routingNumber":"011000015",
                   "billingAddress":{"address1":"123 Main","city":"Somecity","postal":"12345"}}}}""";

  private static final StoredgeBillingAddress ADDRESS =
      new StoredgeBillingAddress("123 Main", null, "Somecity", "AL", "12345", "US");
  private static final Instant NOW = Instant.parse("2024-01-15T12:00:00Z");

  private final PostingRequestReader reader = new PostingRequestReader(new ObjectMapper());

  /** Reader and validator together, as PostingService runs them. */
  private List<FieldError> errors(String body) {
    PostingRequestReader.Reading reading = reader.read(body);
    if (!reading.errors().isEmpty()) {
      return reading.errors();
    }
    return new PostingValidator(PostingLimits.defaults()).validate(reading.request(), NOW);
  }

  @Test
  void readsAStoredMethod() {
    PostingRequestReader.Reading reading = reader.read(STORED);

    assertThat(reading.errors()).isEmpty();
    assertThat(reading.secrets()).isNull();
    assertThat(reading.request().provider()).isEqualTo(Provider.STOREDGE);
    assertThat(reading.request().target()).isEqualTo(new StoredgeTarget("fac_1", "led_1", StoredgePaymentKind.CUSTOM,
        null, new StoredgePaymentMethod.Stored("pm_1")));
    assertThat(errors(STORED)).isEmpty();
  }

  @Test
  void aNewCardLeavesOnlyItsLast4InTheRequestAndItsSecretsApart() throws Exception {
    PostingRequestReader.Reading reading = reader.read(CARD);

    assertThat(reading.errors()).isEmpty();
    assertThat(reading.secrets()).isEqualTo(new CardSecrets(CARD_NUMBER, SECURITY_CODE, null));
    assertThat(reading.request().target()).isEqualTo(new StoredgeTarget("fac_1", "led_1", StoredgePaymentKind.PREPAY,
        2, new StoredgePaymentMethod.NewCard("John", "Doe", "visa", "10/49", "1111", StoredgeTargetReader.UNSEALED,
            ADDRESS)));
    String request = new ObjectMapper().findAndRegisterModules().writeValueAsString(reading.request())
        + reading.request() + reading.secrets();
    assertThat(request).doesNotContain(CARD_NUMBER).doesNotContain(SECURITY_CODE);
    assertThat(errors(CARD)).isEmpty();
  }

  @Test
  void aNewBankAccountLeavesOnlyItsLast4InTheRequest() {
    PostingRequestReader.Reading reading = reader.read(ACH);

    assertThat(reading.errors()).isEmpty();
    assertThat(reading.secrets()).isEqualTo(new CardSecrets(null, null, "000123456789"));
    assertThat(reading.request().target()).isEqualTo(new StoredgeTarget("fac_1", "led_1", StoredgePaymentKind.BALANCE,
        null, new StoredgePaymentMethod.NewAch("John", "Doe", "checking", "First Bank", "011000015", "6789",
            StoredgeTargetReader.UNSEALED, new StoredgeBillingAddress("123 Main", null, "Somecity", null, "12345",
                null))));
    assertThat(reading.request().toString()).doesNotContain("000123456789");
  }

  @Test
  void checkAndCashMethodsAreRead() {
    String check = STORED.replace("{\"kind\":\"STORED\",\"paymentMethodId\":\"pm_1\"}", """
        {"kind":"CHECK","firstName":"John","lastName":"Doe","checkNumber":"1001","nameOnCheck":"John Doe",
         "billingAddress":{"address1":"123 Main","city":"Somecity","postal":"12345"}}""");
    String cash = STORED.replace("{\"kind\":\"STORED\",\"paymentMethodId\":\"pm_1\"}", """
        {"kind":"CASH","firstName":"John","lastName":"Doe",
         "billingAddress":{"address1":"123 Main","city":"Somecity","postal":"12345"}}""");

    assertThat(errors(check)).isEmpty();
    assertThat(errors(cash)).isEmpty();
    assertThat(((StoredgeTarget) reader.read(check).request().target()).paymentMethod())
        .isInstanceOf(StoredgePaymentMethod.Check.class);
    assertThat(((StoredgeTarget) reader.read(cash).request().target()).paymentMethod())
        .isInstanceOf(StoredgePaymentMethod.Cash.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"cardNumber\":\"4111111111111111\" | \"cardNumber\":\"4111111111111112\"    | target.paymentMethod.cardNumber",
      "\"cardNumber\":\"4111111111111111\" | \"cardNumber\":\"4111 1111 1111 1111\" | target.paymentMethod.cardNumber",
      "\"cardNumber\":\"4111111111111111\" | \"cardNumber\":\"41111111111\"         | target.paymentMethod.cardNumber",
      "\"cardNumber\":\"4111111111111111\" | \"cardNumber\":\"41111111111111111111\" | target.paymentMethod.cardNumber",
      "\"cardNumber\":\"4111111111111111\" | \"cardNumber\":4111111111111111        | target.paymentMethod.cardNumber",
      "\"cardNumber\":\"4111111111111111\" | \"cardNumbr\":\"4111111111111111\"     | target.paymentMethod.cardNumber",
      "\"securityCode\":\"737\"            | \"securityCode\":\"73\"                | target.paymentMethod.securityCode",
      "\"securityCode\":\"737\"            | \"securityCode\":\"73a7\"              | target.paymentMethod.securityCode",
      "\"securityCode\":\"737\"            | \"securityCode\":737                   | target.paymentMethod.securityCode",
      "\"securityCode\":\"737\",           | ''                                     | target.paymentMethod.securityCode",
      "\"cardType\":\"visa\"               | \"cardType\":\"maestro\"               | target.paymentMethod.cardType",
      "\"expirationDate\":\"10/49\"        | \"expirationDate\":\"10/2049\"         | target.paymentMethod.expirationDate",
      "\"expirationDate\":\"10/49\"        | \"expirationDate\":\"12/23\"           | target.paymentMethod.expirationDate",
      "\"firstName\":\"John\"              | \"firstName\":7                        | target.paymentMethod.firstName",
      "\"kind\":\"CREDIT_CARD\"            | \"kind\":\"BITCOIN\"                   | target.paymentMethod.kind",
      "\"kind\":\"CREDIT_CARD\",           | ''                                     | target.paymentMethod.kind",
      "\"expirationDate\":\"10/49\"        | \"expirationDate\":\"10/49\",\"last4\":\"1111\" | target.paymentMethod.last4",
      "\"expirationDate\":\"10/49\"        | \"expirationDate\":\"10/49\",\"vaultRef\":\"cv_x\" | target.paymentMethod.vaultRef",
      "\"postal\":\"12345\"                | \"postal\":12345                       | target.paymentMethod.billingAddress.postal",
      "\"postal\":\"12345\"                | \"postal\":\"12345\",\"zip\":\"1\"     | target.paymentMethod.billingAddress.zip",
      "\"paymentKind\":\"PREPAY\"          | \"paymentKind\":\"prepay\"             | target.paymentKind",
      "\"months\":2                        | \"months\":\"2\"                       | target.months",
      "\"months\":2                        | \"months\":2,\"unitId\":\"U25\"        | target.unitId",
      "\"ledgerId\":\"led_1\"              | \"ledgerId\":17                        | target.ledgerId"})
  void everyBadFieldIsNamedAndNoCardValueIsEchoed(String valid, String invalid, String field) {
    String body = CARD.replace(valid, invalid);
    assertThat(body).as("the replacement applies").isNotEqualTo(CARD);

    List<FieldError> errors = errors(body);

    assertThat(errors).extracting(FieldError::field).contains(field);
    assertThat(errors.toString()).doesNotContain("41111111").doesNotContain("737").doesNotContain("4111 1111");
  }

  @Test
  void aBadCardIsNamedOnceWithoutItsLast4OrVaultReference() {
    List<FieldError> errors = errors(CARD.replace(CARD_NUMBER, "4111111111111112"));

    assertThat(errors).extracting(FieldError::field).containsExactly("target.paymentMethod.cardNumber");
  }

  @Test
  void aMissingMethodAndAMissingCardNumberAreNamed() {
    assertThat(errors(STORED.replaceAll(",\\s*\"paymentMethod\":\\{[^}]*}", "")))
        .extracting(FieldError::field).containsExactly("target.paymentMethod");
    assertThat(errors(CARD.replace("\"cardNumber\":\"4111111111111111\",", "")))
        .extracting(FieldError::field).containsExactly("target.paymentMethod.cardNumber");
  }

  @Test
  void achNeedsADigitAccountNumber() {
    List<FieldError> errors = errors(ACH.replace("000123456789", "0001-2345"));

    assertThat(errors).extracting(FieldError::field).containsExactly("target.paymentMethod.accountNumber");
    assertThat(errors.toString()).doesNotContain("0001-2345");
  }

  @Test
  void luhn() {
    assertThat(StoredgeTargetReader.luhn("4111111111111111")).isTrue();
    assertThat(StoredgeTargetReader.luhn("5555555555554444")).isTrue();
    assertThat(StoredgeTargetReader.luhn("378282246310005")).isTrue();
    assertThat(StoredgeTargetReader.luhn("4111111111111121")).isFalse();
  }

  @Test
  void theSameCardRequestHasTheSameFingerprintOnceTheVaultReferenceIsLeftOut() {
    String first = PostingFingerprint.of(PostingService.withVaultRef(reader.read(CARD).request(), null));
    String again = PostingFingerprint.of(PostingService.withVaultRef(reader.read(CARD).request(), null));
    String sealedA = PostingFingerprint.of(PostingService.withVaultRef(reader.read(CARD).request(), "cv_a"));
    String sealedB = PostingFingerprint.of(PostingService.withVaultRef(reader.read(CARD).request(), "cv_b"));
    String otherAmount = PostingFingerprint.of(PostingService.withVaultRef(
        reader.read(CARD.replace("\"minor\":2000", "\"minor\":2001")).request(), null));

    assertThat(again).isEqualTo(first);
    assertThat(sealedA).isNotEqualTo(sealedB);
    assertThat(otherAmount).isNotEqualTo(first);
    StoredgeTarget sealed = (StoredgeTarget) PostingService.withVaultRef(reader.read(CARD).request(), "cv_a").target();
    assertThat(((StoredgePaymentMethod.NewCard) sealed.paymentMethod()).vaultRef()).isEqualTo("cv_a");
  }

  /** The validator leaves the optional address lines alone; the reader bounds them (found by BadInputEndToEndTest). */
  @ParameterizedTest
  @CsvSource({"address2", "state", "country"})
  void optionalAddressFieldsAreBounded(String field) {
    int max = PostingLimits.defaults().maxDescriptionLength();
    assertThat(errors(cardWithAddressField(field, "a".repeat(max)))).isEmpty();

    assertThat(errors(cardWithAddressField(field, "a".repeat(max + 1))))
        .containsExactly(new FieldError("target.paymentMethod.billingAddress." + field,
            "must be at most " + max + " characters"));
  }

  private static String cardWithAddressField(String field, String value) {
    String address = "{\"address1\":\"123 Main\",\"city\":\"Somecity\",\"postal\":\"12345\",\"" + field
        + "\":\"" + value + "\"}";
    return CARD.replaceAll("\"billingAddress\":\\{[^}]*}", java.util.regex.Matcher.quoteReplacement(
        "\"billingAddress\":" + address));
  }

  /** storEDGE takes no payment type (the method's kind says how the tenant pays): one sent is an error, not ignored. */
  @Test
  void aPaymentTypeIsRefusedForStoredge() {
    assertThat(errors(STORED.replace("\"referenceNumber\"", "\"paymentType\":\"CASH\",\"referenceNumber\"")))
        .extracting(FieldError::field).containsExactly("paymentType");
  }
}
