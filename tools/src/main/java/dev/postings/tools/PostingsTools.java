package dev.postings.tools;

import dev.postings.tools.bench.BenchCommand;
import dev.postings.tools.chaos.ChaosCommand;
import dev.postings.tools.demo.DemoCommand;
import dev.postings.tools.local.RegistryDatabaseCommand;
import dev.postings.tools.local.TemporalServerCommand;
import dev.postings.tools.local.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The developer's tools, one jar beside the services and never inside them: {@code up} (the local stack),
 * {@code demo}, {@code bench}, {@code chaos}, and {@code temporal-server} and {@code registry-database} (the local Temporal server
 * and PostgreSQL processes that {@code up} starts). {@code ./postings <command>} builds the jars and runs this from the repository's root.
 */
@Command(name = "postings", mixinStandardHelpOptions = true,
    description = "Run the local stack and the runs made against it.",
    subcommands = {
        UpCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        ChaosCommand.class,
        TemporalServerCommand.class,
        RegistryDatabaseCommand.class,
        CommandLine.HelpCommand.class})
public final class PostingsTools implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** No subcommand: show the usage and exit 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    // --providers=storedge,acquaint as the hand-written parser accepted
    return new CommandLine(new PostingsTools()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
