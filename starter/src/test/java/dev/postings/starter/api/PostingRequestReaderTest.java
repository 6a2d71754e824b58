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
      {"postingId":"pw-0001","connectionId":"propexo-main","provider":"PROPERTYWARE",
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

  // Found by BadInputEndToEndTest: each of these was accepted (202) or answered without a field name before.

  /** JSON can carry any escaped code unit; NUL, ESC, half a surrogate pair or a noncharacter is not text. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"description\":\"January rent\" | description | \\u0000",
      "\"description\":\"January rent\" | description | \\u001b[31m",
      "\"description\":\"January rent\" | description | \\u0085",
      "\"description\":\"January rent\" | description | \\ud800",
      "\"description\":\"January rent\" | description | \\udfff",
      "\"description\":\"January rent\" | description | \\uffff",
      "\"description\":\"January rent\" | description | \\ud83f\\udffe",
      "\"referenceNumber\":\"CHK20240115001\" | referenceNumber | \\ud800",
      "\"leaseId\":\"lease_1\" | target.leaseId | \\ufffe"})
  void charactersThatAreNotTextAreRefused(String from, String field, String junk) {
    String value = from.trim();
    String body = VALID.replace(value, value.substring(0, value.length() - 1) + junk.trim() + "\"");

    assertThat(reader.read(body).errors()).extracting(FieldError::field).containsExactly(field.trim());
  }

  @Test
  void tabsLineBreaksAndNonLatinTextStayAllowedInADescription() {
    String body = VALID.replace("January rent", "January rent\\n\\tpaid by J\\u00fcrgen \\ud83d\\ude00");

    assertThat(reader.read(body).errors()).isEmpty();
    assertThat(reader.read(body).request().description()).isEqualTo("January rent\n\tpaid by J\u00fcrgen \ud83d\ude00");
  }

  /** A lenient parser reads the first object and ignores the rest; the rest may be the request the caller meant. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"x", "{}", "]", ","})
  void anythingAfterTheObjectIsMalformed(String trailing) {
    assertThat(reader.read(VALID + trailing).errors()).containsExactly(new FieldError("body", "is not valid JSON"));
  }

  /** Which of two values counts differs from parser to parser: a key twice is refused and named by its path. */
  @Test
  void aKeyTwiceIsNamed() {
    assertThat(reader.read(VALID.replace("\"paymentType\":\"CHECK\"",
            "\"paymentType\":\"CHECK\",\"paymentType\":\"CASH\""))
        .errors()).containsExactly(new FieldError("paymentType", "appears more than once"));
    assertThat(reader.read(VALID.replace("\"leaseId\":\"lease_1\"",
            "\"leaseId\":\"lease_1\",\"leaseId\":\"lease_2\""))
        .errors()).containsExactly(new FieldError("target.leaseId", "appears more than once"));
  }

  @Test
  void anUnknownFieldWithAnEmptyNameIsStillNamed() {
    assertThat(reader.read(VALID.replace("\"leaseId\"", "\"\":1,\"leaseId\"")).errors())
        .containsExactly(new FieldError("target.\"\"", "is not a known field"));
  }
}
