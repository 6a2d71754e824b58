package dev.postings.cardvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link CardSecrets} sits in this module only so that the starter and the worker share it. No workflow code, no model
 * record and no activity interface may use it: the workflow (and so Temporal's history) carries the vault reference
 * only.
 */
class CardSecretsStayOutOfWorkflowsTest {

  @Test
  void noWorkflowModelOrActivityInterfaceMentionsCardSecrets() throws Exception {
    Path sources = Path.of("src/main/java/dev/postings");
    assertThat(sources.resolve("workflow")).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(sources)) {
      offenders = files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.startsWith(sources.resolve("cardvault")))
          .filter(file -> {
            try {
              String text = Files.readString(file);
              return text.contains("CardSecrets") || text.contains("dev.postings.cardvault");
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .toList();
    }
    assertThat(offenders).isEmpty();
  }
}
