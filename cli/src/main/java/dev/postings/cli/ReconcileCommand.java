package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reconcile}: a connection's PMS ledger for a day against the registry (docs/reconciliation.md). Starts (or joins)
 * a run, and with {@code --wait} prints its report; {@code --list} the reports, {@code --show} one, {@code --resolve}
 * closes one's operator task.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = {"Reconcile a connection's ledger for a day: '--connection ID --day YYYY-MM-DD [--wait]' starts the"
        + " run (or joins the one going); '--list [--open]' the reports; '--show ID [--csv]' one report;"
        + " '--resolve ID --note TEXT' closes its operator task.",
        "With --wait: exit 0 when every item matched (or is still pending), 1 when an operator must look (MISSING,"
            + " CHANGED or UNEXPECTED)."})
final class ReconcileCommand extends ApiCommand {

  private static final List<String> OUTCOMES = List.of("MATCHED", "MISSING", "CHANGED", "UNEXPECTED", "PENDING");

  @Option(names = "--connection", paramLabel = "ID", description = "the connection (see 'connections list')")
  String connectionId;

  @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "the transaction day")
  String day;

  @Option(names = "--wait", description = "wait for the run's report and print it")
  boolean waitForReport;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT2S",
      description = "how often --wait asks (default ${DEFAULT-VALUE})")
  Duration every;

  @Option(names = "--wait-at-most", paramLabel = "DURATION", defaultValue = "PT10M",
      description = "how long --wait waits (default ${DEFAULT-VALUE})")
  Duration waitAtMost;

  @Option(names = "--list", description = "list reports, newest first (--connection and --day narrow it)")
  boolean list;

  @Option(names = "--open", description = "with --list: only reports whose operator task is open")
  boolean openOnly;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "with --list: at most N")
  int limit;

  @Option(names = "--show", paramLabel = "ID", description = "one report with its items")
  String showId;

  @Option(names = "--csv", description = "with --show: the items as CSV")
  boolean csv;

  @Option(names = "--resolve", paramLabel = "ID", description = "close a report's operator task (with --note)")
  String resolveId;

  @Option(names = "--note", paramLabel = "TEXT", description = "with --resolve: what was done about it")
  String note;

  @Override
  ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
    int modes = (list ? 1 : 0) + (showId != null ? 1 : 0) + (resolveId != null ? 1 : 0);
    if (modes > 1) {
      return usage("--list, --show and --resolve are one at a time");
    }
    if (list) {
      return list(api);
    }
    if (showId != null) {
      return show(api, showId);
    }
    if (resolveId != null) {
      if (note == null || note.isBlank()) {
        return usage("--resolve needs --note: what was done about the disagreement");
      }
      Answer resolved = api.resolveReconciliation(resolveId, note);
      if (!resolved.ok()) {
        return failed("reconcile --resolve " + resolveId, resolved);
      }
      out().println("reconciliation " + resolveId + " resolved by " + text(resolved.body(), "resolvedBy"));
      return ExitStatus.OK;
    }
    if (connectionId == null || day == null) {
      return usage("--connection and --day are required to reconcile (or use --list, --show, --resolve)");
    }
    return reconcile(api);
  }

  private ExitStatus reconcile(PostingsClient api) throws PostingsClient.Unreachable {
    // the newest report of that day before asking: the run's own report is the first with a higher id
    long before = 0;
    if (waitForReport) {
      Answer latest = api.reconciliations(dayQuery(1));
      if (!latest.ok()) {
        return failed("reconcile", latest);
      }
      before = latest.body().path("reconciliations").path(0).path("reconciliationId").asLong(0);
    }
    Answer started = api.reconcile(connectionId, day);
    if (!started.ok()) {
      return failed("reconcile " + connectionId + " " + day, started);
    }
    JsonNode run = started.body();
    if (!waitForReport) {
      if (connection.json) {
        printJson(run);
      } else {
        out().println(("JOINED".equals(text(run, "status")) ? "joined " : "started ")
            + text(run, "reconciliationWorkflowId") + "; its report: ./postings reconcile --list --connection "
            + connectionId + " --day " + day);
      }
      return ExitStatus.OK;
    }
    err().println(("JOINED".equals(text(run, "status")) ? "joined " : "started ") + text(run,
        "reconciliationWorkflowId") + ", waiting for its report");
    Instant deadline = Instant.now().plus(waitAtMost);
    while (true) {
      Answer latest = api.reconciliations(dayQuery(1));
      if (!latest.ok()) {
        return failed("reconcile", latest);
      }
      long id = latest.body().path("reconciliations").path(0).path("reconciliationId").asLong(0);
      if (id > before) {
        return show(api, String.valueOf(id));
      }
      if (Instant.now().isAfter(deadline)) {
        err().println("reconcile " + connectionId + " " + day + ": no report after " + Moments.span(waitAtMost)
            + "; the run goes on (./postings reconcile --list --connection " + connectionId + " --day " + day + ")");
        return ExitStatus.SERVER;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return ExitStatus.SERVER;
      }
    }
  }

  private Map<String, List<String>> dayQuery(int size) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("connection", List.of(connectionId));
    query.put("day", List.of(day));
    query.put("limit", List.of(String.valueOf(size)));
    return query;
  }

  private ExitStatus list(PostingsClient api) throws PostingsClient.Unreachable {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (connectionId != null) {
      query.put("connection", List.of(connectionId));
    }
    if (day != null) {
      query.put("day", List.of(day));
    }
    if (openOnly) {
      query.put("open", List.of("true"));
    }
    query.put("limit", List.of(String.valueOf(limit)));
    Answer answer = api.reconciliations(query);
    if (!answer.ok()) {
      return failed("reconcile --list", answer);
    }
    if (connection.json) {
      printJson(answer.body());
      return ExitStatus.OK;
    }
    TextTable table = new TextTable("ID", "CONNECTION", "DAY", "RUN", "MATCHED", "MISSING", "CHANGED", "UNEXPECTED",
        "PENDING", "CALLS", "TASK");
    for (JsonNode report : answer.body().path("reconciliations")) {
      List<String> cells = new ArrayList<>(List.of(text(report, "reconciliationId"), text(report, "connectionId"),
          text(report, "day"), moments().ago(text(report, "runAt"))));
      OUTCOMES.forEach(outcome -> cells.add(String.valueOf(report.path("counts").path(outcome).asLong())));
      cells.add(text(report, "providerCalls"));
      cells.add(task(report));
      table.row(cells.toArray(String[]::new));
    }
    if (table.isEmpty()) {
      out().println("no reconciliations" + (openOnly ? " with an open task" : ""));
    } else {
      table.print(out());
    }
    out().println(answer.body().path("openTasks").asLong() + " open operator task(s) in all");
    return ExitStatus.OK;
  }

  /** The report, its counts and the items that are not MATCHED; exit 1 when its operator task is open. */
  private ExitStatus show(PostingsClient api, String reconciliationId) throws PostingsClient.Unreachable {
    if (csv) {
      try {
        out().print(api.reconciliationCsv(reconciliationId));
        out().flush();
        return ExitStatus.OK;
      } catch (IllegalStateException refused) {
        err().println("reconcile --show " + reconciliationId + ": " + refused.getMessage());
        return ExitStatus.NOT_FOUND;
      }
    }
    Answer answer = api.reconciliation(reconciliationId);
    if (!answer.ok()) {
      return failed("reconcile --show " + reconciliationId, answer);
    }
    JsonNode report = answer.body();
    if (connection.json) {
      printJson(report);
    } else {
      print(report);
    }
    return report.path("open").asBoolean() ? ExitStatus.REFUSED : ExitStatus.OK;
  }

  private void print(JsonNode report) {
    out().println("reconciliation  " + text(report, "reconciliationId") + "  " + text(report, "connectionId") + "  "
        + text(report, "day") + "  run " + moments().absoluteAndRelative(text(report, "runAt")) + ", "
        + text(report, "providerCalls") + " provider call(s)");
    List<String> counts = new ArrayList<>();
    OUTCOMES.forEach(outcome -> counts.add(outcome + " " + report.path("counts").path(outcome).asLong()));
    out().println("counts          " + String.join(", ", counts));
    out().println("operator task   " + task(report));
    TextTable items = new TextTable("OUTCOME", "POSTING", "RECORD", "EXPECTED", "LEDGER", "DETAIL");
    for (JsonNode item : report.path("items")) {
      if (!"MATCHED".equals(text(item, "outcome"))) {
        items.row(text(item, "outcome"), text(item, "postingId"), text(item, "recordId"),
            text(item, "expectedAmountMinor"), text(item, "ledgerAmountMinor"), TextTable.shorten(text(item,
                "detail"), 80));
      }
    }
    if (!items.isEmpty()) {
      out().println();
      items.print(out());
    }
    out().flush();
  }

  private String task(JsonNode report) {
    if (report.path("open").asBoolean()) {
      return "OPEN: an operator must look";
    }
    if (!report.path("resolvedBy").isMissingNode() && !report.path("resolvedBy").isNull()) {
      return "resolved by " + text(report, "resolvedBy") + " " + moments().ago(text(report, "resolvedAt"));
    }
    return report.path("needsOperator").asBoolean() ? "closed" : "none";
  }

  private ExitStatus usage(String reason) {
    err().println("reconcile: " + reason);
    err().flush();
    return ExitStatus.USAGE;
  }
}
