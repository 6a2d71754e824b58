package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together inside the repository, for someone who has only a clone of it:
 *
 * <ul>
 *   <li>no source, configuration or document cites a document that is not in the repository (the design notes, the
 *       provider notes and the numbered sample requests some of it was first written from);
 *   <li>every relative link in README.md and docs/ leads to a file that exists, and its anchor to a heading there;
 *   <li>every {@code docs/...} page (and anchor) a comment or configuration file names exists.
 * </ul>
 *
 * Reads the files of the working tree (what git would track: build output, local state and the IDE's files left out).
 */
class RepositoryDocsTest {

  /**
   * Documents that were never in the repository. Written in pieces so that this file does not cite them itself.
   */
  private static final Pattern OUTSIDE = Pattern.compile(String.join("|", "DESIGN" + "\\.md", "PROVIDERS" + "\\.md",
      "TEMPORAL-NOTES" + "\\.md", "STYLE" + "\\.md", "seeds" + "/", "\\.\\./" + "shared", "\\bseeds? " + "[0-9]{3}\\b"),
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".postings", ".idea",
      "node_modules");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern FENCE = Pattern.compile("^\\s*```");
  private static final Pattern DOCS_CITATION = Pattern.compile("(?<![\\w/.-])docs/[A-Za-z0-9_./-]*[A-Za-z0-9_/-]"
      + "(?:\\.md)?(?:#[A-Za-z0-9_-]+)?");

  @Test
  void noFileCitesADocumentOutsideTheRepository() throws IOException {
    List<String> citations = new ArrayList<>();
    for (Path file : repositoryTextFiles()) {
      String relative = relative(file);
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (OUTSIDE.matcher(lines.get(i)).find()) {
          citations.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(citations).as("citations of documents that are not in the repository: cite the docs/ page that says"
        + " the same").isEmpty();
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndAHeadingThatExist() throws IOException {
    List<Path> pages = markdownPages();
    assertThat(pages).hasSizeGreaterThan(30);
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      boolean inBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        if (FENCE.matcher(lines.get(i)).find()) {
          inBlock = !inBlock;
        }
        if (inBlock) {
          continue;
        }
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          String target = link.group(1);
          if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            continue; // https:, mailto:
          }
          links++;
          String problem = problem(page, target);
          if (problem != null) {
            broken.add(relative(page) + ":" + (i + 1) + ": (" + target + ") " + problem);
          }
        }
      }
    }
    assertThat(links).as("relative links found").isGreaterThan(100);
    assertThat(broken).as("links that lead nowhere").isEmpty();
  }

  @Test
  void everyDocsPageACommentOrConfigurationNamesExists() throws IOException {
    List<String> broken = new ArrayList<>();
    int citations = 0;
    for (Path file : repositoryTextFiles()) {
      String name = file.getFileName().toString();
      if (name.endsWith(".md") || name.endsWith(".json")) {
        continue; // Markdown links are checked above; JSON holds data
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher cited = DOCS_CITATION.matcher(lines.get(i));
        while (cited.find()) {
          citations++;
          String problem = problem(root().resolve("README.md"), cited.group());
          if (problem != null) {
            broken.add(relative(file) + ":" + (i + 1) + ": " + cited.group() + " " + problem);
          }
        }
      }
    }
    assertThat(citations).as("docs/ pages cited from code and configuration").isGreaterThan(20);
    assertThat(broken).as("docs/ pages or anchors cited that do not exist").isEmpty();
  }

  /** Why {@code target}, written in {@code page}, leads nowhere; null when it leads to a file (and heading). */
  private static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(root())) {
      return "leads out of the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (hash >= 0) {
      String anchor = target.substring(hash + 1);
      if (!resolved.toString().endsWith(".md") || Files.isDirectory(resolved)) {
        return "an anchor into something that is no Markdown page";
      }
      if (!anchors(resolved).contains(anchor)) {
        return "no heading #" + anchor + " in " + relative(resolved);
      }
    }
    return null;
  }

  /** GitHub's heading anchors: lower case, punctuation but - and _ dropped, spaces as -, repeats numbered -1, -2. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inBlock = false;
    for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
      if (FENCE.matcher(line).find()) {
        inBlock = !inBlock;
      }
      if (inBlock || !line.matches("^#{1,6}\\s.*")) {
        continue;
      }
      String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
      String slug = heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  private static List<Path> markdownPages() throws IOException {
    List<Path> pages = new ArrayList<>();
    for (Path file : repositoryTextFiles()) {
      String relative = relative(file);
      if (relative.equals("README.md") || relative.startsWith("docs/") && relative.endsWith(".md")) {
        pages.add(file);
      }
    }
    return pages;
  }

  /** Every file of the working tree that reads as UTF-8 text, but build output and local state. */
  private static List<Path> repositoryTextFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root())) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        Path relative = root().relativize(file);
        boolean skipped = false;
        for (Path part : relative) {
          skipped |= SKIPPED_DIRECTORIES.contains(part.toString());
        }
        if (!skipped && Files.isRegularFile(file) && isText(file)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private static boolean isText(Path file) throws IOException {
    if (Files.size(file) > 2_000_000) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
      return true;
    } catch (CharacterCodingException binary) {
      return false;
    }
  }

  private static Path root() {
    return DocCommands.root();
  }

  private static String relative(Path file) {
    return root().relativize(file).toString().replace('\\', '/');
  }
}
