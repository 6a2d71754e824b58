package dev.postings.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostingValidatorTest {

  private static final Instant NOW = Instant.parse("2024-01-20T00:00:00Z");
  private final PostingValidator validator = new PostingValidator(PostingLimits.defaults());

  private static PostingRequest valid() {
    return new PostingRequest("pw-0001", Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK20240115001", "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  private List<String> fieldsAtFault(PostingRequest request) {
    return validator.validate(request, NOW).stream().map(FieldError::field).toList();
  }

  @Test
  void aValidRequestHasNoErrors() {
    assertThat(validator.validate(valid(), NOW)).isEmpty();
  }

  @Test
  void amountsMustBePositiveBoundedAndInTheProvidersCurrency() {
    PostingRequest r = valid();
    assertThat(fieldsAtFault(new PostingRequest(r.postingId(), r.provider(), new Money(0, "USD"), r.transactionDate(),
        r.paymentType(), r.referenceNumber(), r.description(), r.target()))).containsExactly("amount.minor");
    assertThat(fieldsAtFault(new PostingRequest(r.postingId(), r.provider(), new Money(100_000_001L, "USD"),
        r.transactionDate(), r.paymentType(), r.referenceNumber(), r.description(), r.target())))
        .containsExactly("amount.minor");
    assertThat(fieldsAtFault(new PostingRequest(r.postingId(), r.provider(), new Money(100, "GBP"),
        r.transactionDate(), r.paymentType(), r.referenceNumber(), r.description(), r.target())))
        .containsExactly("amount.currency");
  }

  @Test
  void datesMustBePlausible() {
    PostingRequest r = valid();
    assertThat(fieldsAtFault(new PostingRequest(r.postingId(), r.provider(), r.amount(),
        Instant.parse("1999-12-31T23:59:59Z"), r.paymentType(), r.referenceNumber(), r.description(), r.target())))
        .containsExactly("transactionDate");
    assertThat(fieldsAtFault(new PostingRequest(r.postingId(), r.provider(), r.amount(),
        NOW.plusSeconds(32L * 24 * 3600), r.paymentType(), r.referenceNumber(), r.description(), r.target())))
        .containsExactly("transactionDate");
  }

  @Test
  void idsReferencesAndTargetsAreCheckedFieldByField() {
    PostingRequest r = valid();
    PostingRequest bad = new PostingRequest("pw 0001/../x", r.provider(), r.amount(), r.transactionDate(), "Check",
        "x".repeat(51), "d".repeat(256), new PropertywareTarget("intg_1", " ", null, "fa\u0000"));
    assertThat(fieldsAtFault(bad)).containsExactlyInAnyOrder("postingId", "paymentType", "referenceNumber",
        "description", "target.leaseId", "target.residentId", "target.financialAccountId");
  }

  @Test
  void everythingMissingIsReportedAtOnce() {
    assertThat(fieldsAtFault(new PostingRequest(null, null, null, null, null, null, null, null)))
        .containsExactlyInAnyOrder("postingId", "provider", "amount", "transactionDate", "referenceNumber", "target");
  }
}
