package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.workflow.Attention;
import dev.postings.workflow.AttentionCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbook ({@code docs/runbook}) holds together: every relative link of every page leads to a file that exists (an
 * anchor to a heading that exists, within the index), every page is listed in the index, and every page says what
 * never to do.
 */
class RunbookTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static Path runbook() {
    return OpsFiles.root().resolve("docs/runbook");
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> files = Files.walk(runbook())) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    }
  }

  @Test
  void everyRelativeLinkLeadsToAPageThatExists() throws IOException {
    assertThat(pages()).hasSizeGreaterThan(20);
    for (Path page : pages()) {
      Matcher link = LINK.matcher(Files.readString(page));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        assertThat(resolved).as("link %s in %s", target, runbook().relativize(page)).isRegularFile();
        if (target.contains("#")) {
          assertThat(anchors(resolved)).as("anchor of %s in %s", target, runbook().relativize(page))
              .contains(target.substring(target.indexOf('#') + 1));
        }
      }
    }
  }

  @Test
  void everyAttentionCodeTheApiShowsHasItsRunbookPage() throws IOException {
    for (AttentionCode code : AttentionCode.values()) {
      assertThat(OpsFiles.root().resolve(code.runbook())).as("runbook page of %s", code).isRegularFile();
      assertThat(Attention.of(code).runbook()).isEqualTo(code.runbook());
      assertThat(Files.readString(runbook().resolve("README.md"))).as("the index names %s", code)
          .contains("`" + code.name() + "`");
    }
  }

  @Test
  void theIndexListsEveryPage() throws IOException {
    Path index = runbook().resolve("README.md");
    String text = Files.readString(index);
    for (Path page : pages()) {
      if (!page.equals(index)) {
        assertThat(text).as("the index links %s", runbook().relativize(page))
            .contains("](" + runbook().relativize(page) + ")");
      }
    }
  }

  @Test
  void everyPageOfASituationAnAlertOrATaskSaysWhatNeverToDo() throws IOException {
    for (Path page : pages()) {
      if (!page.getFileName().toString().equals("README.md")) {
        assertThat(Files.readString(page)).as(runbook().relativize(page).toString()).containsIgnoringCase("never");
      }
    }
  }

  /** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces as -. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT);
        anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
