package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postings.client.Actions;
import dev.postings.client.Answer;
import dev.postings.client.ApiError;
import dev.postings.client.NewPosting;
import dev.postings.client.PostingAccepted;
import dev.postings.client.PostingView;
import dev.postings.client.PostingsClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's Java client (the CLI's and the tools') against the real API on the local stack: the records it sends are
 * what the API takes, and the records it reads are what the API answers, for a start, a status, an action and errors.
 */
class ClientEndToEndTest {

  private static LocalStack stack;
  private static PostingsClient client;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack("--sandbox.propexo.job-pending-for=1s");
    client = new PostingsClient(stack.apiUrl, LocalStack.OPERATOR_KEY, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static NewPosting propertyware(String postingId, long minor) {
    return new NewPosting(postingId, "PROPERTYWARE", new NewPosting.Amount(minor, "USD"), "2024-01-15T09:30:00Z",
        "CHECK", "CHK" + postingId.substring(postingId.length() - 6), "January rent",
        new NewPosting.PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"), null, "propexo-main");
  }

  private static PostingView awaitState(String postingId, String state) {
    PostingView[] last = new PostingView[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      Answer answer = client.posting(postingId);
      last[0] = answer.ok() ? answer.as(PostingView.class) : null;
      return last[0] != null && state.equals(last[0].state());
    });
    return last[0];
  }

  @Test
  void aPostingStartedWithTheClientIsFollowedToConfirmedWithItsRecords() throws Exception {
    String postingId = "pw-client-" + UUID.randomUUID().toString().substring(0, 8);
    NewPosting posting = propertyware(postingId, 125_000);

    Answer started = client.start(posting);
    Answer again = client.start(posting);

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.as(PostingAccepted.class).statusUrl()).isEqualTo("/api/postings/" + postingId);
    assertThat(again.status()).isEqualTo(200);
    PostingView confirmed = awaitState(postingId, "CONFIRMED");
    assertThat(confirmed.provider()).isEqualTo("PROPERTYWARE");
    assertThat(confirmed.providerRecordId()).startsWith("rp_");
    assertThat(confirmed.timeline()).extracting(PostingView.TimelineEntry::state).contains("RECEIVED", "CONFIRMED");
    assertThat(confirmed.timeline().get(0).at()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    // an action the posting's state refuses: answered, with the API's reason, nothing changed
    Answer retry = client.retry(postingId);
    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.reason()).isNotBlank();
    assertThat(client.posting(postingId).as(PostingView.class).state()).isEqualTo("CONFIRMED");
  }

  @Test
  void theApisFieldErrorsAreReadWithTheirPaths() throws Exception {
    String postingId = "pw-client-" + UUID.randomUUID().toString().substring(0, 8);

    Answer refused = client.start(propertyware(postingId, -5));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.as(ApiError.class).errors()).extracting(ApiError.FieldError::field).contains("amount.minor");
    assertThat(client.posting(postingId).status()).isEqualTo(404);
  }

  @Test
  void anOperatorsActionBodyIsWhatTheApiTakes() throws Exception {
    String postingId = "pw-client-" + UUID.randomUUID().toString().substring(0, 8);
    client.start(propertyware(postingId, 64_000));
    awaitState(postingId, "CONFIRMED");

    Answer reversal = client.reverse(postingId, new Actions.Reason("paid twice by the resident"));

    // the API refuses any field it does not know: a 200 means the record sent exactly what it takes
    assertThat(reversal.status()).as(reversal.reason()).isEqualTo(200);
    assertThat(reversal.as(PostingView.class).postingId()).isEqualTo(postingId);
    assertThat(reversal.body().path("reversal").isObject()).isTrue();
  }
}
