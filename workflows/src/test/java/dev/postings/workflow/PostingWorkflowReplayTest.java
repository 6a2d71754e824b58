package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history (src/test/resources/histories) on today's workflow code. A change to the workflow
 * that would break a posting already running fails here; such a change needs {@code Workflow.getVersion}. Histories
 * are recorded by running PostingWorkflowTest with {@code -Dhistories.record=<dir>}; keep the old ones when adding new.
 */
class PostingWorkflowReplayTest {

  static Stream<Path> histories() throws IOException, URISyntaxException {
    Path directory = Path.of(PostingWorkflowReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void everyProviderPathHasARecordedHistory() throws Exception {
    List<String> names = histories().map(path -> path.getFileName().toString()).toList();
    assertThat(names).contains("propertyware-confirmed.json", "propertyware-job-failure-rejected.json",
        "propertyware-mismatch-resolved-confirmed.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysOnTodaysWorkflow(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(Files.readString(history), PostingWorkflowImpl.class);
  }
}
