package dev.postings.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator CLI: find postings that need a person, read why, and act on them, through the starter's REST API.
 * {@code ./postings list|show|resolve|approve|reject|retry|cancel|reverse|reversals|reconcile}; {@code --json} for scripts; the
 * exit code says what happened ({@link ExitStatus}).
 */
@Command(name = "postings", mixinStandardHelpOptions = true, versionProvider = PostingsCli.Version.class,
    description = "Operate postings through the starter's API: list and filter them, read a posting's timeline,"
        + " act on one, and find and close the reversals to be done by hand.",
    subcommands = {
        ListCommand.class,
        ShowCommand.class,
        PostingActions.Resolve.class,
        PostingActions.Approve.class,
        PostingActions.Reject.class,
        PostingActions.Retry.class,
        PostingActions.Cancel.class,
        PostingActions.Reverse.class,
        ReversalsCommand.class,
        BatchCommand.class,
        ConnectionsCommand.class,
        ReconcileCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:refused by the posting's state (HTTP 409): nothing changed; reconcile: an operator must look",
        "2:usage error or bad input (HTTP 400)",
        "3:no such posting (HTTP 404)",
        "4:no API key, or the key was refused (HTTP 401/403)",
        "5:the API failed (5xx) or could not be reached"},
    footerHeading = "%n",
    footer = "The key and URL come from --api-key/--url, else POSTINGS_API_KEY/POSTINGS_URL, else the local stack's"
        + " operator key in .postings/dev-api-keys.json and http://localhost:$${STARTER_PORT:-8080}.")
public final class PostingsCli implements Runnable {

  final CliContext context;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  PostingsCli(CliContext context) {
    this.context = context;
  }

  /** No subcommand: show the usage and exit 2. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs one command line and returns its exit code; the tests call this with their own context. */
  static int run(CliContext context, String... args) {
    CommandLine commandLine = new CommandLine(new PostingsCli(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
      // a bug or an answer the CLI cannot read: one line, not a stack trace, and "server" as the cause class
      PrintWriter err = line.getErr();
      err.println("postings: " + failure.getClass().getSimpleName()
          + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
      err.flush();
      return ExitStatus.SERVER.code;
    });
    return commandLine.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PostingsCli.class.getPackage().getImplementationVersion();
      return new String[] {"postings CLI " + (version == null ? "(development)" : version)};
    }
  }
}
