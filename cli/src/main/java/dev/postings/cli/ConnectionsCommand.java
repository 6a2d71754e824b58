package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Answer;
import dev.postings.client.NewConnection;
import dev.postings.client.PostingsClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code connections}: the provider connections postings are made with (docs/api.md#connections). {@code list} and
 * {@code check} as an operator; {@code add}, {@code rotate} and {@code disable} as an admin (locally the admin key the
 * starter wrote). Credentials are given as {@code --credential name=value}, sent once, and never printed: the API
 * answers their last 4 characters.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
    description = "The provider connections (one customer account at one provider API): list, add, rotate, disable,"
        + " check.",
    subcommands = {ConnectionsCommand.ListConnections.class, ConnectionsCommand.Add.class,
        ConnectionsCommand.Rotate.class, ConnectionsCommand.Disable.class, ConnectionsCommand.Check.class})
final class ConnectionsCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "name a subcommand: list, add, rotate, disable or check");
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }

  /** One line per connection: never a credential (the API holds none in its answers). */
  static void table(ApiCommand command, Iterable<JsonNode> connections) {
    TextTable table = new TextTable("CONNECTION", "API", "STATUS", "SECRET", "LIMIT/MIN", "BASE URL", "NAME");
    for (JsonNode connection : connections) {
      JsonNode limit = connection.path("rateLimit").path("requestsPerMinute");
      table.row(text(connection, "connectionId"), text(connection, "api"), text(connection, "status"),
          "…" + text(connection, "last4"), limit.isMissingNode() || limit.isNull() ? "default" : limit.asText(),
          text(connection, "baseUrl"), text(connection, "name"));
    }
    table.print(command.out());
    command.out().flush();
  }

  /** Admin commands: the local default key is the admin's. */
  abstract static class AdminCommand extends ApiCommand {
    @Override
    String devKeyRole() {
      return "admin";
    }

    ExitStatus answered(String what, Answer answer) {
      if (!answer.ok()) {
        return failed(what, answer);
      }
      if (connection.json) {
        printJson(answer.body());
      } else {
        table(this, java.util.List.of(answer.body()));
      }
      return ExitStatus.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every connection, by id.")
  static final class ListConnections extends ApiCommand {
    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      Answer answer = api.connections();
      if (!answer.ok()) {
        return failed("connections list", answer);
      }
      if (connection.json) {
        printJson(answer.body());
      } else {
        table(this, answer.body().path("connections"));
      }
      return ExitStatus.OK;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Create a connection (admin). Credentials: PROPEXO token=...; ACQUAINT sitePrefix=... apiKey=...;"
          + " STOREDGE consumerKey=... consumerSecret=...")
  static final class Add extends AdminCommand {
    @Parameters(index = "0", paramLabel = "CONNECTION_ID", description = "lower-case letters, digits, dashes")
    String connectionId;

    @Option(names = "--api", required = true, paramLabel = "API", description = "PROPEXO, ACQUAINT or STOREDGE")
    String providerApi;

    @Option(names = "--name", required = true, paramLabel = "TEXT", description = "the customer account's name")
    String name;

    @Option(names = "--base-url", required = true, paramLabel = "URL", description = "the provider API's base URL")
    String baseUrl;

    @Option(names = "--credential", required = true, paramLabel = "NAME=VALUE",
        description = "a credential field (repeat for each)")
    Map<String, String> credentials = new LinkedHashMap<>();

    @Option(names = "--rate-limit", paramLabel = "N", description = "requests per minute (default: the provider's)")
    Integer rateLimit;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      return answered("connections add " + connectionId, api.addConnection(new NewConnection(connectionId,
          providerApi.toUpperCase(Locale.ROOT), name, baseUrl, credentials,
          rateLimit == null ? null : new NewConnection.RateLimit(rateLimit))));
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Replace a connection's credentials (admin): the workers use them from their next call.")
  static final class Rotate extends AdminCommand {
    @Parameters(index = "0", paramLabel = "CONNECTION_ID")
    String connectionId;

    @Option(names = "--credential", required = true, paramLabel = "NAME=VALUE",
        description = "a credential field (repeat for each; the same fields as at creation)")
    Map<String, String> credentials = new LinkedHashMap<>();

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      return answered("connections rotate " + connectionId, api.rotateConnection(connectionId, credentials));
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a connection (admin): new postings naming it are refused, running ones park.")
  static final class Disable extends AdminCommand {
    @Parameters(index = "0", paramLabel = "CONNECTION_ID")
    String connectionId;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      return answered("connections disable " + connectionId, api.disableConnection(connectionId));
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "One cheap authenticated call to the provider with the connection's credentials.")
  static final class Check extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CONNECTION_ID")
    String connectionId;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      Answer answer = api.checkConnection(connectionId);
      if (!answer.ok()) {
        return failed("connections check " + connectionId, answer);
      }
      if (connection.json) {
        printJson(answer.body());
      } else {
        out().println(connectionId + ": " + text(answer.body(), "outcome") + " (" + text(answer.body(), "detail")
            + ")");
        out().flush();
      }
      return "ok".equals(text(answer.body(), "outcome")) ? ExitStatus.OK : ExitStatus.SERVER;
    }
  }
}
