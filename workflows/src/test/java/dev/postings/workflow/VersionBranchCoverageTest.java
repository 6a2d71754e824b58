package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code Workflow.getVersion} change of the workflow code has its new branch in the replay corpus: at least one
 * recorded history carries the change's version marker, so {@link PostingWorkflowReplayTest} replays the code behind
 * it. (The old branch is what the histories recorded before the change replay.) The change ids are read from the
 * sources, not listed here: a new {@code getVersion} without a recorded history fails this test.
 */
class VersionBranchCoverageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GET_VERSION = Pattern.compile("Workflow\\.getVersion\\(\\s*([A-Z_][A-Z0-9_]*)");
  private static final Pattern CONSTANT =
      Pattern.compile("static final String ([A-Z_][A-Z0-9_]*)\\s*=\\s*\"([^\"]+)\"");

  @Test
  void everyVersionChangeInTheWorkflowCodeHasARecordedHistoryOfItsNewBranch() throws Exception {
    Map<String, String> changes = changeIdsInTheSources(Path.of("src/main/java"));
    Map<String, Set<String>> covered = markersInTheCorpus();

    Map<String, String> uncovered = new TreeMap<>();
    changes.forEach((changeId, where) -> {
      if (!covered.containsKey(changeId)) {
        uncovered.put(changeId, where);
      }
    });
    assertThat(uncovered).as("getVersion changes with no recorded history taking the new branch (record one with"
        + " -Dhistories.record=<dir>, see HistoryRecording)").isEmpty();
  }

  /**
   * The corpus was re-recorded on one baseline (docs/decisions/0026-one-baseline-for-the-workflow-code.md): a marker
   * naming a change the code no longer asks for means a branch was removed while histories still take it.
   */
  @Test
  void noRecordedHistoryTakesABranchTheCodeNoLongerHas() throws Exception {
    Set<String> asked = changeIdsInTheSources(Path.of("src/main/java")).keySet();
    Map<String, Set<String>> stale = new TreeMap<>(markersInTheCorpus());
    stale.keySet().removeAll(asked);
    assertThat(stale).as("version markers in the corpus for changes the workflow code no longer asks").isEmpty();
  }

  @Test
  void theScanFindsAChangeIdAndItsMarker(@TempDir Path sources) throws Exception {
    // the two halves of the checks above must each be able to see something, or they pass on nothing
    Files.writeString(sources.resolve("Example.java"), "class Example {\n"
        + "  static final String NEW_RULE = \"new-rule\";\n"
        + "  void run() { if (Workflow.getVersion(NEW_RULE, Workflow.DEFAULT_VERSION, 1) == 1) {} }\n}\n");
    assertThat(changeIdsInTheSources(sources)).containsOnlyKeys("new-rule");

    String changeId = Base64.getEncoder().encodeToString("\"new-rule\"".getBytes(StandardCharsets.UTF_8));
    Path history = sources.resolve("history.json");
    Files.writeString(history, "{\"events\":[{\"markerRecordedEventAttributes\":{\"markerName\":\"Version\","
        + "\"details\":{\"changeId\":{\"payloads\":[{\"data\":\"" + changeId + "\"}]}}}}]}");
    assertThat(markersIn(List.of(history))).containsOnlyKeys("new-rule");
  }

  /** change id -> the source file that asks for it, resolving the constant passed to getVersion. */
  static Map<String, String> changeIdsInTheSources(Path sources) throws IOException {
    Map<String, String> constants = new HashMap<>();
    Map<String, String> uses = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(path -> path.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      String text = Files.readString(file);
      Matcher constant = CONSTANT.matcher(text);
      while (constant.find()) {
        constants.put(constant.group(1), constant.group(2));
      }
      Matcher use = GET_VERSION.matcher(text);
      while (use.find()) {
        uses.put(use.group(1), sources.relativize(file).toString());
      }
    }
    Map<String, String> changes = new TreeMap<>();
    uses.forEach((name, file) -> {
      String changeId = constants.get(name);
      assertThat(changeId).as("the change id constant %s used in %s", name, file).isNotNull();
      changes.put(changeId, file);
    });
    return changes;
  }

  /** change id -> the recorded histories whose version marker names it. */
  static Map<String, Set<String>> markersInTheCorpus() throws Exception {
    return markersIn(PostingWorkflowReplayTest.histories().toList());
  }

  static Map<String, Set<String>> markersIn(List<Path> histories) throws Exception {
    Map<String, Set<String>> markers = new HashMap<>();
    for (Path history : histories) {
      for (JsonNode event : JSON.readTree(history.toFile()).path("events")) {
        JsonNode marker = event.path("markerRecordedEventAttributes");
        if (!marker.path("markerName").asText().equals("Version")) {
          continue;
        }
        String data = marker.path("details").path("changeId").path("payloads").path(0).path("data").asText();
        String changeId = JSON.readValue(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8),
            String.class);
        markers.computeIfAbsent(changeId, id -> new HashSet<>()).add(history.getFileName().toString());
      }
    }
    return markers;
  }
}
