package dev.postings.starter;

import static dev.postings.starter.ResmanEndToEndTest.awaitState;
import static dev.postings.starter.ResmanEndToEndTest.post;
import static dev.postings.starter.ResmanEndToEndTest.recordsInSandbox;
import static dev.postings.starter.ResmanEndToEndTest.resmanRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ResMan end to end without webhooks: Propexo syncs every 3 s and the posting reads the synced list once per 3 s
 * interval, so polling alone finds the approved record.
 */
class ResmanPollingEndToEndTest {

  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.policy.resman.sync-interval=3s"},
        "--sandbox.propexo.job-pending-for=1s",
        "--sandbox.propexo.resman.auto-approve-after=1s",
        "--sandbox.propexo.resman.sync-interval=3s",
        "--sandbox.propexo.webhooks.url=");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void pollingOncePerSyncFindsTheApprovedRecord() throws Exception {
    post(stack.apiUrl.resolve("/api/postings"), resmanRequest("rm-poll-1", "RM-POLL-1").toString());

    JsonNode confirmed = awaitState(stack, "rm-poll-1", "CONFIRMED");

    assertThat(confirmed.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("watching the synced records"))
        .noneMatch(detail -> detail.contains("Propexo announced"));
    assertThat(recordsInSandbox(stack, "RM-POLL-1")).isEqualTo(1);
  }
}
