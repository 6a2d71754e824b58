package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show <id>}: where the posting is, what it waits for since when, and the steps behind it with their history. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a posting: its state, what it waits for and since when, and its timeline step by step with"
        + " the history behind each step. With --json: {\"status\":..., \"timeline\":...}.")
final class ShowCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "POSTING_ID", description = "the posting's id")
  String postingId;

  @Override
  ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
    Answer status = api.posting(postingId);
    if (!status.ok()) {
      return failed("show " + postingId, status);
    }
    Answer timeline = api.timeline(postingId);
    if (!timeline.ok()) {
      return failed("show " + postingId, timeline);
    }
    if (connection.json) {
      ObjectNode both = PostingsClient.JSON.createObjectNode();
      both.set("status", status.body());
      both.set("timeline", timeline.body());
      printJson(both);
      return ExitStatus.OK;
    }
    print(status.body(), timeline.body());
    return ExitStatus.OK;
  }

  private void print(JsonNode status, JsonNode timeline) {
    Moments moments = moments();
    out().println("posting    " + text(status, "postingId") + "  (" + text(status, "provider") + ")");
    out().println("state      " + firstOf(text(timeline, "state"), text(status, "state"))
        + (text(status, "step").isEmpty() ? "" : "  step " + text(status, "step")));
    JsonNode waiting = timeline.path("waiting");
    if (waiting.isObject()) {
      out().println("waiting    in " + text(waiting, "step") + " since "
          + moments.absoluteAndRelative(text(waiting, "since")));
    }
    if (!text(status, "providerJobId").isEmpty()) {
      out().println("job        " + text(status, "providerJobId"));
    }
    String record = firstOf(text(status, "providerRecordId"), text(status, "recordId"));
    if (!record.isEmpty()) {
      out().println("record     " + record);
    }
    if (!text(status, "lastError").isEmpty()) {
      out().println("last error " + text(status, "lastError"));
    }
    JsonNode attention = status.path("attention");
    if (attention.isObject()) {
      out().println("attention  " + text(attention, "code") + ": what to do in " + text(attention, "runbook"));
    }
    JsonNode reversal = status.path("reversal");
    if (reversal.isObject()) {
      out().println("reversal   " + text(reversal, "state")
          + (text(reversal, "offsetRecordId").isEmpty() ? "" : ", offsetting entry " + text(reversal, "offsetRecordId"))
          + (text(reversal, "reversedBy").isEmpty() ? "" : ", reversed by hand by " + text(reversal, "reversedBy"))
          + (text(reversal, "escalateAt").isEmpty() || !text(reversal, "reversedBy").isEmpty() ? ""
              : ", escalated at " + moments.absolute(text(reversal, "escalateAt"))));
      if (!text(reversal, "task").isEmpty() && text(reversal, "reversedBy").isEmpty()) {
        out().println("  to do    " + text(reversal, "task"));
        out().println("  then     ./postings reversals done " + text(status, "postingId") + " --note \"how\"");
      }
    }
    out().println();
    TextTable steps = new TextTable("STEP", "STATE", "ENTERED", "LEFT", "SUMMARY");
    for (JsonNode step : timeline.path("steps")) {
      steps.row(text(step, "step"), text(step, "state"), moments.absoluteAndRelative(text(step, "enteredAt")),
          text(step, "leftAt").isEmpty() ? "(now)" : moments.absolute(text(step, "leftAt")),
          TextTable.shorten(text(step, "summary"), 100));
    }
    steps.print(out());
    out().println();
    out().println("history:");
    int kindWidth = 1;
    for (JsonNode step : timeline.path("steps")) {
      for (JsonNode event : step.path("history")) {
        kindWidth = Math.max(kindWidth, text(event, "kind").length());
      }
    }
    for (JsonNode step : timeline.path("steps")) {
      if (step.path("history").isEmpty()) {
        continue;
      }
      out().println("  " + text(step, "step") + " (" + text(step, "state") + ")");
      for (JsonNode event : step.path("history")) {
        out().println("    " + moments.absolute(text(event, "time")) + "  "
            + String.format("%-" + kindWidth + "s", text(event, "kind")) + "  " + text(event, "text"));
      }
    }
    out().flush();
  }

  private static String firstOf(String first, String second) {
    return first.isEmpty() ? second : first;
  }

}
