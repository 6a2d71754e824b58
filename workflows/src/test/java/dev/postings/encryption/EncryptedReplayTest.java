package dev.postings.encryption;

import dev.postings.workflow.PostingWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
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
 * on carry on.
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
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(history)),
        encryptingEnvironment, PostingWorkflowImpl.class);
  }
}
