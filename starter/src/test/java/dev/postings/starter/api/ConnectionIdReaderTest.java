package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.FieldError;
import dev.postings.model.PostingFingerprint;
import dev.postings.model.PostingLimits;
import dev.postings.model.Provider;
import dev.postings.model.ProviderApi;
import dev.postings.starter.connections.PostingConnections;
import dev.postings.starter.contract.RequestContract;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every posting names its connection: required, a slug, existing, active and of the provider's API. */
class ConnectionIdReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = """
      {"postingId":"rm-0001","connectionId":"propexo-second","provider":"RESMAN",
       "amount":{"minor":125000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","paymentType":"Check",
       "referenceNumber":"CHK20240115001","description":"January rent",
       "target":{"integrationId":"intg_1","residentId":"res_1","notes":"office"}}""";

  /** The connections a store would hold: id to (API, active). */
  private static final Map<String, Map.Entry<ProviderApi, Boolean>> STORE = Map.of(
      "propexo-second", Map.entry(ProviderApi.PROPEXO, true),
      "propexo-old", Map.entry(ProviderApi.PROPEXO, false),
      "storedge-main", Map.entry(ProviderApi.STOREDGE, true));

  private static final PostingConnections CONNECTIONS = (id, provider) -> {
    Map.Entry<ProviderApi, Boolean> found = STORE.get(id);
    if (found == null) {
      return Optional.of("names no connection");
    }
    if (!found.getValue()) {
      return Optional.of("is disabled");
    }
    return found.getKey() == ProviderApi.of(provider) ? Optional.empty()
        : Optional.of("is a " + found.getKey() + " connection");
  };

  private final PostingRequestReader reader = new PostingRequestReader(JSON, PostingLimits.defaults(),
      new RequestContract(JSON, PostingLimits.defaults()), CONNECTIONS);

  private static String withConnection(String connectionPart) {
    return VALID.replace("\"connectionId\":\"propexo-second\",", connectionPart);
  }

  @Test
  void theRequestCarriesItsConnection() {
    PostingRequestReader.Reading reading = reader.read(VALID);

    assertThat(reading.errors()).isEmpty();
    assertThat(reading.request().connectionId()).isEqualTo("propexo-second");
    assertThat(reading.request().provider()).isEqualTo(Provider.RESMAN);
  }

  @Test
  void absentMalformedUnknownDisabledOrOfAnotherApiIsAnErrorNamingConnectionId() {
    for (String part : new String[] {"", "\"connectionId\":null,", "\"connectionId\":17,",
        "\"connectionId\":\"Propexo Main\",", "\"connectionId\":\"nope\",", "\"connectionId\":\"propexo-old\",",
        "\"connectionId\":\"storedge-main\","}) {
      assertThat(reader.read(withConnection(part)).errors()).as(part).extracting(FieldError::field)
          .containsExactly("connectionId");
    }
  }

  @Test
  void theConnectionIsPartOfTheFingerprintAndAnOlderRequestWithoutOneKeepsItsOwn() throws Exception {
    PostingRequestReader.Reading reading = reader.read(VALID);
    assertThat(PostingFingerprint.of(reading.request()))
        .isNotEqualTo(PostingFingerprint.of(reading.request().withConnection("propexo-main")))
        // a request without a connection (an input recorded before connections) fingerprints as it always did
        .isNotEqualTo(PostingFingerprint.of(reading.request().withConnection(null)));
    // ... because a null connection is left out of the JSON the fingerprint (and a workflow input) is made of
    assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(reading.request().withConnection(null)))
        .doesNotContain("connectionId");
  }
}
