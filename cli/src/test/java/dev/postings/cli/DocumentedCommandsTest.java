package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./postings ...} the documentation (README.md, docs/, the runbook) and the alert rules' descriptions show
 * is one the launcher and the CLI accept: its first word is a command of the launcher ({@code postings}), and an
 * operator command parses with the CLI's own picocli model (subcommand, options, required options and parameters).
 * Placeholders ({@code <postingId>}, {@code {{ $labels.provider }}}) stand for a value. A renamed option, a command
 * that does not exist, or a required option left out fails here instead of in an operator's hands.
 */
class DocumentedCommandsTest {

  /** A case branch of the launcher script: {@code  up)}, {@code  list|show|...)}. */
  private static final Pattern LAUNCHER_BRANCH = Pattern.compile("(?m)^  ([a-z][a-z|-]*)\\)");
  /** The branch whose body, up to its {@code ;;}, runs the CLI's jar. */
  private static final Pattern CLI_BRANCH =
      Pattern.compile("(?m)^  ([a-z][a-z|-]*)\\)\\n(?:(?!\\s*;;)[^\\n]*\\n)*?[^\\n]*\\$CLI_JAR");

  @Test
  void everyDocumentedPostingsCommandIsOneTheLauncherAndTheCliAccept() throws IOException {
    List<DocCommands.Command> commands = new ArrayList<>();
    for (Path page : DocCommands.pages()) {
      commands.addAll(DocCommands.in(page, "./postings"));
    }
    commands.addAll(inAlertDescriptions());
    assertThat(commands).as("documented ./postings commands").hasSizeGreaterThan(40);
    Set<String> launcher = launcherCommands();
    Set<String> cli = cliCommands();
    List<String> wrong = new ArrayList<>();
    for (DocCommands.Command command : commands) {
      List<String> args = command.words().subList(1, command.words().size());
      String problem = problem(args, launcher, cli);
      if (problem != null) {
        wrong.add(command + "\n    " + problem);
      }
    }
    assertThat(wrong).as("documented ./postings commands that would not run").isEmpty();
  }

  /** A launcher that documents a command the CLI lacks, or the reverse, is caught too. */
  @Test
  void theLauncherHandsTheCliExactlyItsCommands() throws IOException {
    String script = Files.readString(DocCommands.root().resolve("postings"));
    Matcher branch = CLI_BRANCH.matcher(script);
    assertThat(branch.find()).as("the launcher's branch that runs $CLI_JAR").isTrue();
    assertThat(List.of(branch.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(cliCommands());
  }

  private static String problem(List<String> args, Set<String> launcher, Set<String> cli) {
    if (args.isEmpty()) {
      return "no command";
    }
    if (args.get(0).equals("x")) {
      return null; // ./postings <command> --help: the general form
    }
    if (!launcher.contains(args.get(0))) {
      return args.get(0) + " is not a command of ./postings (it knows " + launcher + ")";
    }
    if (!cli.contains(args.get(0))) {
      return null; // up, demo, bench, chaos, build: the launcher's own, its options go to their runners
    }
    try {
      CommandLine.ParseResult parsed = commandLine().parseArgs(args.toArray(String[]::new));
      return parsed.subcommand() == null ? "no CLI command" : null;
    } catch (CommandLine.ParameterException refused) {
      return "the CLI refuses it: " + refused.getMessage();
    }
  }

  private static CommandLine commandLine() {
    StringWriter sink = new StringWriter();
    CliContext context = new CliContext(Map.of(), DocCommands.root(), Clock.systemUTC(), new PrintWriter(sink),
        new PrintWriter(sink));
    return new CommandLine(new PostingsCli(context));
  }

  private static Set<String> cliCommands() {
    Set<String> names = new LinkedHashSet<>(commandLine().getSubcommands().keySet());
    names.remove("help");
    return names;
  }

  private static List<String> launcherBranches() throws IOException {
    String script = Files.readString(DocCommands.root().resolve("postings"));
    List<String> branches = new ArrayList<>();
    Matcher branch = LAUNCHER_BRANCH.matcher(script.substring(script.indexOf("case \"$command\" in")));
    while (branch.find()) {
      branches.add(branch.group(1));
    }
    return branches;
  }

  private static Set<String> launcherCommands() throws IOException {
    Set<String> commands = new LinkedHashSet<>();
    for (String branch : launcherBranches()) {
      commands.addAll(List.of(branch.split("\\|")));
    }
    return commands;
  }

  /** The commands in the alert rules' descriptions (what the on-call reads in the notification), in backticks. */
  private static List<DocCommands.Command> inAlertDescriptions() throws IOException {
    List<DocCommands.Command> commands = DocCommands.in(
        DocCommands.root().resolve("ops/prometheus/postings-alerts.yml"), "./postings", true);
    assertThat(commands).as("commands in the alerts' descriptions").isNotEmpty();
    return commands;
  }
}
