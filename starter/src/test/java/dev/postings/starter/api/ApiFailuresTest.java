package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.starter.errors.ErrorResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ApiFailuresTest {

  private final ApiFailures failures = new ApiFailures();

  @Test
  void temporalUnreachableIs503SoTheCallerRetriesTheSameRequest() {
    RuntimeException unreachable = new RuntimeException("start failed",
        new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io exception")));

    ResponseEntity<ErrorResponse> answer = failures.unexpected(unreachable);

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getBody().errors().get(0).message()).contains("retry the same request");
  }

  @Test
  void anythingElseIs500WithAReferenceAndNoInternals() {
    ResponseEntity<ErrorResponse> answer =
        failures.unexpected(new IllegalStateException("secret internal detail at Foo.java:12"));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getBody().errors().get(0).message()).startsWith("internal error (reference ")
        .doesNotContain("secret");
  }
}
