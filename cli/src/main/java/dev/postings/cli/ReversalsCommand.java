package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Actions;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reversals}: the reversals of postings, by default the operator tasks (reverse by hand: NEEDS_ATTENTION, and
 * ESCALATED past their deadline), one line each with what to reverse; {@code reversals done <id> --note} says one was
 * reversed by hand.
 */
@Command(name = "reversals", mixinStandardHelpOptions = true,
    description = "List reversals of postings; by default the ones waiting to be reversed by hand (NEEDS_ATTENTION,"
        + " ESCALATED), with what to reverse. 'reversals done <POSTING_ID> --note TEXT' records that one was"
        + " reversed by hand.",
    subcommands = ReversalsCommand.Done.class)
final class ReversalsCommand extends ApiCommand {

  static final List<String> WAITING = List.of("NEEDS_ATTENTION", "ESCALATED");

  @Option(names = {"-s", "--state"}, split = ",", paramLabel = "STATE",
      description = "only these states (repeat or comma-separate): REVERSING, SETTLING, NEEDS_ATTENTION, ESCALATED,"
          + " REVERSED (default NEEDS_ATTENTION,ESCALATED)")
  List<String> states = new ArrayList<>();

  @Option(names = "--all", description = "every state")
  boolean all;

  @Option(names = {"-p", "--provider"}, paramLabel = "PROVIDER",
      description = "PROPERTYWARE, RESMAN, ACQUAINT or STOREDGE")
  String provider;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "the next page, as the previous page said")
  String cursor;

  @Override
  ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
    Map<String, List<String>> query = new LinkedHashMap<>();
    List<String> wanted = states.isEmpty() ? (all ? List.of() : WAITING)
        : states.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
    if (!wanted.isEmpty()) {
      query.put("state", wanted);
    }
    if (provider != null) {
      query.put("provider", List.of(provider.toUpperCase(Locale.ROOT)));
    }
    query.put("limit", List.of(String.valueOf(limit)));
    if (cursor != null) {
      query.put("cursor", List.of(cursor));
    }
    Answer answer = api.reversals(query);
    if (!answer.ok()) {
      return failed("reversals", answer);
    }
    if (connection.json) {
      printJson(answer.body());
      return ExitStatus.OK;
    }
    print(answer.body());
    return ExitStatus.OK;
  }

  private void print(JsonNode page) {
    Moments moments = moments();
    TextTable table = new TextTable("POSTING", "PROVIDER", "STATE", "RECORD", "AMOUNT", "OPEN SINCE",
        "ESCALATED AT", "DONE BY", "WHAT TO DO");
    for (JsonNode reversal : page.path("reversals")) {
      JsonNode amount = reversal.path("amount");
      String money = amount.has("minor") ? Moments.money(amount.path("minor").asLong(),
          amount.path("currency").asText(null)) : "";
      table.row(text(reversal, "postingId"), text(reversal, "provider"), text(reversal, "state"),
          text(reversal, "recordId"), money, moments.ago(text(reversal, "taskOpenedAt")),
          moments.absolute(text(reversal, "escalateAt")), text(reversal, "reversedBy"),
          TextTable.shorten(text(reversal, "task"), 90));
    }
    if (table.isEmpty()) {
      out().println("no reversals match");
    } else {
      table.print(out());
    }
    List<String> counts = new ArrayList<>();
    page.path("counts").fields().forEachRemaining(count -> {
      if (count.getValue().asLong() > 0) {
        counts.add(count.getKey() + " " + count.getValue().asText());
      }
    });
    if (!counts.isEmpty()) {
      out().println();
      out().println("by state: " + String.join(", ", counts));
    }
    String next = text(page, "nextCursor");
    if (!next.isEmpty()) {
      out().println("more: add --cursor " + next);
    }
    out().println("reversed by hand? ./postings reversals done <POSTING_ID> --note \"how (the entry's id)\"");
    out().flush();
  }

  @Command(name = "done", mixinStandardHelpOptions = true,
      description = "The posting was reversed by hand in the provider's system: its reversal ends REVERSED, recorded"
          + " with your key's name (only an operator task, NEEDS_ATTENTION or ESCALATED, can be marked done).")
  static final class Done extends ApiCommand {

    @Parameters(index = "0", paramLabel = "POSTING_ID", description = "the posting whose reversal was done by hand")
    String postingId;

    @Option(names = "--note", required = true, paramLabel = "TEXT",
        description = "how it was reversed, e.g. the entry's id in the provider's system")
    String note;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      Answer answer = api.reversalDone(postingId, new Actions.Note(note));
      if (!answer.ok()) {
        return failed("reversals done " + postingId, answer);
      }
      if (connection.json) {
        printJson(answer.body());
        return ExitStatus.OK;
      }
      out().println("reversals done " + postingId + ": the reversal is now " + text(answer.body(), "state")
          + (text(answer.body(), "reversedBy").isEmpty() ? "" : " (by " + text(answer.body(), "reversedBy") + ")"));
      out().flush();
      return ExitStatus.OK;
    }
  }
}
