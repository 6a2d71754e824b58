package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The failure table (docs/failures.md), row by row, for writes and reads. */
class PropexoClassificationTest {

  private static ApplicationFailure classify(Call call, String what, ProviderAnswer answer) {
    return ProviderFailures.classify(new PropexoProtocol("t"), call, what, answer, List.of());
  }

  private static ProviderAnswer answer(int status, Map<String, List<String>> headers) throws Exception {
    return new ProviderAnswer(status, HttpHeaders.of(headers, (a, b) -> true),
        new ObjectMapper().readTree("{\"error\":{\"code\":\"x\",\"message\":\"y\"}}"));
  }

  @ParameterizedTest
  @CsvSource({
      "400, WRITE, REJECTED, true",
      "422, WRITE, REJECTED, true",
      "404, READ, REJECTED, true",
      "401, WRITE, CREDENTIALS_REFUSED, false",
      "403, READ, CREDENTIALS_REFUSED, false",
      "429, WRITE, RATE_LIMITED, false",
      "500, WRITE, UNKNOWN_OUTCOME, true",
      "502, WRITE, UNKNOWN_OUTCOME, true",
      "503, READ, PROVIDER_UNAVAILABLE, false",
      "504, READ, PROVIDER_UNAVAILABLE, false"})
  void classifiesEachAnswer(int status, Call call, FailureKind kind, boolean nonRetryable) throws Exception {
    ApplicationFailure failure = classify(call, "POST /x", answer(status, Map.of()));
    assertThat(failure.getType()).isEqualTo(kind.name());
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
  }

  @Test
  void aRateLimitWaitsForRetryAfter() throws Exception {
    ApplicationFailure failure =
        classify(Call.READ, "GET /x", answer(429, Map.of("Retry-After", List.of("17"))));
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void aRateLimitWithoutRetryAfterWaitsForTheNextMinuteWindow() throws Exception {
    ApplicationFailure failure = classify(Call.READ, "GET /x", answer(429, Map.of()));
    assertThat(failure.getNextRetryDelay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(61));
  }
}
