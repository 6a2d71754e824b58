package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.FieldError;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostingRequestReaderTest {

  private static final String VALID = """
      {"postingId":"pw-0001","provider":"PROPERTYWARE",
       "amount":{"minor":125000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","paymentType":"CHECK",
       "referenceNumber":"CHK20240115001","description":"January rent",
       "target":{"integrationId":"intg_1","leaseId":"lease_1","residentId":"res_1","financialAccountId":"fa_1"}}""";

  private final PostingRequestReader reader = new PostingRequestReader(new ObjectMapper());

  @Test
  void readsTheDocumentedShape() {
    PostingRequestReader.Reading reading = reader.read(VALID);
    assertThat(reading.errors()).isEmpty();
    assertThat(reading.request().provider()).isEqualTo(Provider.PROPERTYWARE);
    assertThat(reading.request().amount().minor()).isEqualTo(125_000);
    assertThat(reading.request().transactionDate()).isEqualTo(Instant.parse("2024-01-15T09:30:00Z"));
    assertThat(reading.request().target()).isEqualTo(new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  @Test
  void aPlainDateIsMidnightUtc() {
    assertThat(reader.read(VALID.replace("2024-01-15T09:30:00Z", "2024-01-15")).request().transactionDate())
        .isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"minor\":125000                         | \"minor\":\"125000\"              | amount.minor",
      "\"minor\":125000                         | \"minor\":1250.5                  | amount.minor",
      "\"minor\":125000                         | \"minor\":99999999999999999999999 | amount.minor",
      "\"postingId\":\"pw-0001\"                | \"postingId\":17                  | postingId",
      "\"provider\":\"PROPERTYWARE\"            | \"provider\":\"YARDI\"            | provider",
      "\"transactionDate\":\"2024-01-15T09:30:00Z\" | \"transactionDate\":\"2024-02-30\" | transactionDate",
      "\"transactionDate\":\"2024-01-15T09:30:00Z\" | \"transactionDate\":\"yesterday\"  | transactionDate",
      "\"transactionDate\":\"2024-01-15T09:30:00Z\" | \"transactionDate\":\"2024-01-15T09:30:00\" | transactionDate",
      "\"amount\":{                             | \"amount\":[],\"x\":{              | amount",
      "\"leaseId\":\"lease_1\"                  | \"leaseId\":\"lease_1\",\"unit\":\"4B\" | target.unit",
      "\"description\":\"January rent\"         | \"descripton\":\"January rent\"   | descripton"})
  void namesTheFieldAtFault(String from, String to, String field) {
    PostingRequestReader.Reading reading = reader.read(VALID.replace(from.trim(), to.trim()));
    assertThat(reading.errors()).extracting(FieldError::field).contains(field.trim());
  }

  @Test
  void notJsonOrNotAnObjectIsABodyError() {
    assertThat(reader.read("{\"postingId\":").errors()).extracting(FieldError::field).containsExactly("body");
    assertThat(reader.read("[1,2]").errors()).extracting(FieldError::field).containsExactly("body");
    assertThat(reader.read("").errors()).extracting(FieldError::field).containsExactly("body");
    assertThat(reader.read(null).errors()).extracting(FieldError::field).containsExactly("body");
  }
}
