package dev.postings.encryption;

import dev.postings.reversal.PostingReversalWorkflowImpl;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories recorded before payloads were encrypted (plain JSON) still replay on a worker whose data converter
 * encrypts: the codec passes unencrypted payloads through, so postings that were running when encryption was switched
 * on carry on. Every history of the replay test, the reversal workflow's own included (so it is registered too).
 */
class EncryptedReplayTest {

  private static TestWorkflowEnvironment encryptingEnvironment;

  @BeforeAll
  static void start() {
    EncryptionKeys keys = EncryptionKeys.of(new EncryptionSettings("k1", Map.of("k1", AesGcmPayloadCodecTest.newKey())));
    encryptingEnvironment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(PayloadEncryption.dataConverter(keys)).build())
        .build());
  }

  @AfterAll
  static void stop() {
    encryptingEnvironment.close();
  }

  static Stream<Path> histories() throws Exception {
    Path directory = Path.of(EncryptedReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void aPlainHistoryReplaysOnAnEncryptingWorker(Path history) throws Exception {
    // A worker of its own per history: the replayer's default names the worker after the history's task queue, and
    // histories recorded by one test class share it, so a second one would register the workflow types again.
    Worker worker = encryptingEnvironment.newWorker("encrypted-replay-" + history.getFileName());
    worker.registerWorkflowImplementationTypes(PostingWorkflowImpl.class, PostingReversalWorkflowImpl.class);
    worker.registerActivitiesImplementations(new PostingRegistryUpdates.Unrecorded());
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)), worker);
  }
}
