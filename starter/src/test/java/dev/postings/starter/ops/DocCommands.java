package dev.postings.starter.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell commands the repository's documentation tells a reader to type: the lines of its code blocks and its inline
 * code that start with a given program ({@code ./postings}, {@code curl}), continuation lines joined, cut into words as
 * the shell would (quotes, backslashes; a trailing {@code # comment} and what follows a pipe or {@code ;} dropped), with
 * each placeholder ({@code <postingId>}, {@code <record id>}, {@code {{ $labels.provider }}}) as the word {@code x}. The
 * same reader as the CLI module's (which checks the {@code ./postings} commands); this one serves the {@code curl} check.
 */
final class DocCommands {

  /** One command as written, where. */
  record Command(Path file, int line, String text, List<String> words) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^\\s*```");
  private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
  /** {@code <postingId>}, {@code <record id>}, and Alertmanager's {@code {{ $labels.provider }}}: a value. */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>|\\{\\{[^}]*}}");

  private DocCommands() {}

  static Path root() {
    return OpsFiles.root();
  }

  /** README.md and every page under docs/. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root().resolve("README.md"));
    try (Stream<Path> files = Files.walk(root().resolve("docs"))) {
      files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The commands of {@code program} in one page, in order. */
  static List<Command> in(Path page, String program) throws IOException {
    return in(page, program, false);
  }

  /**
   * The commands of {@code program} in one file, in order.
   *
   * @param inlineOnly only commands in backticks (a file that is no Markdown, such as the alert rules' descriptions)
   */
  static List<Command> in(Path page, String program, boolean inlineOnly) throws IOException {
    List<String> lines = Files.readAllLines(page);
    List<Command> commands = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!inlineOnly && FENCE.matcher(line).find()) {
        inBlock = !inBlock;
        continue;
      }
      if (inBlock) {
        String text = line.strip();
        int first = i;
        // a continued line, or a quote (a JSON body) that spans lines
        while (i + 1 < lines.size() && (text.endsWith("\\") || openQuote(text))) {
          text = text.endsWith("\\") ? text.substring(0, text.length() - 1) + " " + lines.get(++i).strip()
              : text + "\n" + lines.get(++i);
        }
        if (text.startsWith(program + " ")) {
          commands.add(new Command(root().relativize(page), first + 1, text, words(valued(text))));
        }
      } else {
        Matcher code = INLINE.matcher(line);
        while (code.find()) {
          String text = code.group(1).strip();
          if (text.startsWith(program + " ")) {
            commands.add(new Command(root().relativize(page), i + 1, text, words(valued(text))));
          }
        }
      }
    }
    return commands;
  }

  /** Whether the shell would still be inside a quote at the end of {@code text}. */
  private static boolean openQuote(String text) {
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return false;
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (c == '\\' && quote != '\'') {
        i++;
      }
    }
    return quote != 0;
  }

  private static String valued(String text) {
    return PLACEHOLDER.matcher(text).replaceAll("x");
  }

  /** Words as the shell cuts them; stops at an unquoted {@code #} that starts a word, a pipe, {@code ;} or {@code &}. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null || c == '|' || c == ';' || c == '&') {
        break;
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " in: " + text);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
