package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Actions;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's actions on one posting. Each is a POST to {@code /api/postings/{id}/<action>}; the posting itself
 * refuses an action its state does not allow (exit 1, nothing changed), so the CLI does not second-guess it.
 */
final class PostingActions {

  private PostingActions() {}

  /** Common to every action: the posting id, the POST, and a one-line outcome. */
  abstract static class Action extends ApiCommand {

    @Parameters(index = "0", paramLabel = "POSTING_ID", description = "the posting's id")
    String postingId;

    abstract String action();

    /** The action's call, with its typed body. */
    abstract Answer send(PostingsClient api) throws PostingsClient.Unreachable;

    @Override
    final ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      Answer answer = send(api);
      if (!answer.ok()) {
        return failed(action() + " " + postingId, answer);
      }
      if (connection.json) {
        printJson(answer.body());
        return ExitStatus.OK;
      }
      JsonNode status = answer.body();
      String step = text(status, "step");
      out().println(action() + " " + postingId + ": accepted; the posting is now " + text(status, "state")
          + (step.isEmpty() ? "" : " (step " + step + ")"));
      if (!text(status, "lastError").isEmpty()) {
        out().println("last error: " + text(status, "lastError"));
      }
      JsonNode attention = status.path("attention");
      if (attention.isObject()) {
        out().println("attention: " + text(attention, "code") + " (runbook " + text(attention, "runbook") + ")");
      }
      out().flush();
      return ExitStatus.OK;
    }

    /** An optional text left blank is not sent at all. */
    static String ifPresent(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "The payment is on the provider's ledger as this record: the posting reads it back and confirms it"
          + " if it matches (NEEDS_ATTENTION or AWAITING_APPROVAL).")
  static final class Resolve extends Action {
    @Option(names = "--record-id", required = true, paramLabel = "ID", description = "the provider's record id")
    String recordId;

    @Option(names = "--note", paramLabel = "TEXT", description = "why, for the timeline")
    String note;

    @Override
    String action() {
      return "resolve";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.resolve(postingId, new Actions.Resolution(recordId, ifPresent(note)));
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "The PMC approved the payment (ResMan's Partner Transactions) and this is its record: like resolve,"
          + " for a posting awaiting approval.")
  static final class Approve extends Action {
    @Option(names = "--record-id", required = true, paramLabel = "ID", description = "the record the payment became")
    String recordId;

    @Option(names = "--note", paramLabel = "TEXT", description = "why, for the timeline")
    String note;

    @Override
    String action() {
      return "approve";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.approve(postingId, new Actions.Approval(recordId, ifPresent(note)));
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = "The approver rejected the payment: the posting ends REJECTED, nothing posted.")
  static final class Reject extends Action {
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "what the approver said")
    String reason;

    @Override
    String action() {
      return "reject";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.reject(postingId, new Actions.Reason(reason));
    }
  }

  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Retry a PARKED posting now instead of after its back-off.")
  static final class Retry extends Action {
    @Override
    String action() {
      return "retry";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.retry(postingId);
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Stop a posting that waits for approval: it ends CANCELLED (a transaction still in the PMC's"
          + " queue must be rejected there).")
  static final class Cancel extends Action {
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the timeline")
    String reason;

    @Override
    String action() {
      return "cancel";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.cancel(postingId, new Actions.Reason(reason));
    }
  }

  @Command(name = "reverse", mixinStandardHelpOptions = true,
      description = "Reverse a CONFIRMED posting on the provider's ledger (an offsetting entry where the provider"
          + " has one, else an operator task).")
  static final class Reverse extends Action {
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the timeline")
    String reason;

    @Override
    String action() {
      return "reverse";
    }

    @Override
    Answer send(PostingsClient api) throws PostingsClient.Unreachable {
      return api.reverse(postingId, new Actions.Reason(reason));
    }
  }
}
