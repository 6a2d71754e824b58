package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.FieldError;
import dev.postings.model.Provider;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST body of an Acquaint posting: target.operation chooses tenant payment (RENT) or charge payment (CHARGE). */
class AcquaintRequestReaderTest {

  static final String RENT = """
      {"postingId":"aq-rent-0001","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":95000,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"BACS-2026-03-0001","description":"March rent",
       "target":{"operation":"RENT","rentItemId":5001,"tenancyId":301,"bankAccountId":1,
                 "receivedFromContactId":401,"landlordId":4,"payAdvancedRentToLandlord":false}}""";

  static final String CHARGE = """
      {"postingId":"aq-charge-0001","connectionId":"acquaint-dev","provider":"ACQUAINT",
       "amount":{"minor":12999,"currency":"GBP"},
       "transactionDate":"2026-03-13T12:39:00Z","paymentType":"3",
       "referenceNumber":"BACS-2026-03-0002","description":"End of tenancy cleaning",
       "target":{"operation":"CHARGE","chargeId":7001,"bankAccountId":1,"receivedFromContactId":401}}""";

  private final PostingRequestReader reader = new PostingRequestReader(new ObjectMapper());

  @Test
  void readsARentPayment() {
    PostingRequestReader.Reading reading = reader.read(RENT);
    assertThat(reading.errors()).isEmpty();
    assertThat(reading.request().provider()).isEqualTo(Provider.ACQUAINT);
    assertThat(reading.request().amount().minor()).isEqualTo(95_000);
    assertThat(reading.request().transactionDate()).isEqualTo(Instant.parse("2026-03-13T12:39:00Z"));
    assertThat(reading.request().target()).isEqualTo(new AcquaintRentTarget(5001L, 301L, 1L, 401L, 4L, false));
  }

  @Test
  void readsAChargePayment() {
    PostingRequestReader.Reading reading = reader.read(CHARGE);
    assertThat(reading.errors()).isEmpty();
    assertThat(reading.request().target()).isEqualTo(new AcquaintChargeTarget(7001L, 1L, 401L, null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"operation\":\"RENT\",        | ''                               | target.operation",
      "\"operation\":\"RENT\"         | \"operation\":\"RENTS\"          | target.operation",
      "\"operation\":\"RENT\"         | \"operation\":7                  | target.operation",
      "\"rentItemId\":5001            | \"rentItemId\":\"5001\"          | target.rentItemId",
      "\"tenancyId\":301              | \"tenancyId\":301.5              | target.tenancyId",
      "\"landlordId\":4               | \"landlordId\":4,\"chargeId\":7001 | target.chargeId",
      "\"payAdvancedRentToLandlord\":false | \"payAdvancedRentToLandlord\":\"no\" | target.payAdvancedRentToLandlord"})
  void namesTheRentFieldAtFault(String from, String to, String field) {
    PostingRequestReader.Reading reading = reader.read(RENT.replace(from.trim(), to.trim()));
    assertThat(reading.errors()).extracting(FieldError::field).contains(field.trim());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"chargeId\":7001              | \"chargeId\":[7001]              | target.chargeId",
      "\"chargeId\":7001              | \"chargeID\":7001                | target.chargeID",
      "\"bankAccountId\":1            | \"bankAccountId\":1,\"rentItemId\":5001 | target.rentItemId"})
  void namesTheChargeFieldAtFault(String from, String to, String field) {
    PostingRequestReader.Reading reading = reader.read(CHARGE.replace(from.trim(), to.trim()));
    assertThat(reading.errors()).extracting(FieldError::field).contains(field.trim());
  }
}
