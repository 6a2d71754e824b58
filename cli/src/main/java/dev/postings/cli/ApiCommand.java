package dev.postings.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that talks to the API: connection options, JSON or text output, exit code from the answer. */
abstract class ApiCommand implements Callable<Integer> {

  /** This command's place in the command line: its root is the {@link PostingsCli}, however deep it sits. */
  @Spec
  CommandSpec spec;

  @Mixin
  ApiConnection connection;

  /** Whose development key the command uses when none is given: the operator's, or the admin's (connections). */
  String devKeyRole() {
    return "operator";
  }

  /** Does the command's requests and printing; returns the exit status. */
  abstract ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable;

  @Override
  public final Integer call() {
    try {
      return execute(connection.open(context(), devKeyRole())).code;
    } catch (ApiConnection.NoApiKey noKey) {
      err().println(noKey.getMessage());
      err().flush();
      return ExitStatus.AUTH.code;
    } catch (PostingsClient.Unreachable unreachable) {
      err().println(unreachable.getMessage());
      err().flush();
      return ExitStatus.SERVER.code;
    }
  }

  private CliContext context() {
    return ((PostingsCli) spec.root().userObject()).context;
  }

  PrintWriter out() {
    return context().out();
  }

  PrintWriter err() {
    return context().err();
  }

  /** Whether {@code out} is a terminal, where a progress line may be redrawn in place. */
  boolean terminal() {
    return context().terminal();
  }

  Moments moments() {
    return new Moments(context().clock());
  }

  /** A non-2xx answer: its reason on stderr (and its body on stdout with --json), the matching exit status. */
  ExitStatus failed(String what, Answer answer) {
    ExitStatus status = ExitStatus.forHttpStatus(answer.status());
    if (connection.json && !answer.body().isMissingNode()) {
      printJson(answer.body());
    }
    String prefix = switch (status) {
      case REFUSED -> "refused";
      case NOT_FOUND -> "not found";
      case AUTH -> "not allowed";
      case USAGE -> "bad input";
      default -> "failed";
    };
    err().println(what + ": " + prefix + " (HTTP " + answer.status() + "): " + answer.reason());
    err().flush();
    return status;
  }

  void printJson(JsonNode body) {
    try {
      out().println(PostingsClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    } catch (JsonProcessingException cannotHappenForATree) {
      out().println(body.toString());
    }
    out().flush();
  }

  /** A field as text; empty when missing or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }
}
