package dev.postings.storedge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure table (docs/failures.md) for storEDGE answers. */
class StoredgeClassificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final StoredgeProtocol STOREDGE = new StoredgeProtocol(new StoredgeSettings(
      new ProviderConnection(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1), null),
      "key", "secret"));

  private static ApplicationFailure classify(Call call, String what, ProviderAnswer answer, List<String> secrets) {
    return ProviderFailures.classify(STOREDGE, call, what, answer, secrets);
  }

  private static ProviderAnswer answer(int status, String errorCode, Map<String, List<String>> headers)
      throws Exception {
    String body = "{\"meta\":{\"status_code\":" + status + ",\"error_code\":\"" + errorCode
        + "\",\"error_message\":\"m\"}}";
    return new ProviderAnswer(status, HttpHeaders.of(headers, (a, b) -> true), JSON.readTree(body));
  }

  private static FailureKind kind(Call call, int status, String errorCode) throws Exception {
    return FailureKind.valueOf(classify(call, "X", answer(status, errorCode, Map.of()), List.of())
        .getType());
  }

  @Test
  void eachAnswerHasOneMeaning() throws Exception {
    assertThat(kind(Call.WRITE, 422, "InvalidParameters")).isEqualTo(FailureKind.REJECTED);
    assertThat(kind(Call.WRITE, 404, "NotFound")).isEqualTo(FailureKind.REJECTED);
    assertThat(kind(Call.WRITE, 403, "AccessDenied")).isEqualTo(FailureKind.REJECTED);
    assertThat(kind(Call.WRITE, 403, "Forbidden")).isEqualTo(FailureKind.CREDENTIALS_REFUSED);
    assertThat(kind(Call.READ, 401, "Unauthorized")).isEqualTo(FailureKind.CREDENTIALS_REFUSED);
    assertThat(kind(Call.WRITE, 500, "InternalError")).isEqualTo(FailureKind.UNKNOWN_OUTCOME);
    assertThat(kind(Call.WRITE, 408, "Timeout")).isEqualTo(FailureKind.UNKNOWN_OUTCOME);
    assertThat(kind(Call.READ, 503, "Unavailable")).isEqualTo(FailureKind.PROVIDER_UNAVAILABLE);
    assertThat(kind(Call.WRITE, 429, "TooMany")).isEqualTo(FailureKind.RATE_LIMITED);
  }

  @Test
  void onlyARejectionIsNonRetryableAndA429KeepsItsRetryAfter() throws Exception {
    ApplicationFailure rejected = classify(Call.WRITE, "X", answer(422, "E", Map.of()), List.of());
    ApplicationFailure unclear = classify(Call.WRITE, "X", answer(500, "E", Map.of()), List.of());
    ApplicationFailure limited = classify(Call.WRITE, "X",
        answer(429, "E", Map.of("Retry-After", List.of("7"))), List.of());

    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(unclear.isNonRetryable()).isFalse();
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void failureMessagesLoseSecretsAndAnythingLikeACardNumber() {
    assertThat(StoredgeProtocol.scrub("card 4111 1111 1111 1111 code 987 account 1234567", List.of("987", "1234567")))
        .isEqualTo("card [FILTERED] code [FILTERED] account [FILTERED]");
    assertThat(StoredgeProtocol.scrub("balance 61.03 on 2024-01-15", List.of())).isEqualTo("balance 61.03 on 2024-01-15");
  }
}
