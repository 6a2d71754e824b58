package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.PostingsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the API is and which key to use; shared by every subcommand. A flag wins over the environment, which wins over
 * the local defaults: the starter on {@code STARTER_PORT} (8080) and the operator key it wrote to
 * {@code .postings/dev-api-keys.json} when it started in the local profile.
 */
final class ApiConnection {

  static final String DEV_KEYS_FILE = ".postings/dev-api-keys.json";

  @Option(names = "--url", paramLabel = "URL",
      description = "the starter's base URL (env POSTINGS_URL; default http://localhost:$${STARTER_PORT:-8080})")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "operator API key (env POSTINGS_API_KEY; default: the local operator key in " + DEV_KEYS_FILE + ")")
  String apiKey;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S",
      description = "how long to wait for an answer (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--json", description = "print the API's JSON answer instead of text (for scripts)")
  boolean json;

  /** No key anywhere: the CLI says where it looked rather than sending an anonymous request. */
  static final class NoApiKey extends Exception {
    NoApiKey(String message) {
      super(message);
    }
  }

  PostingsClient open(CliContext context) throws NoApiKey {
    return open(context, "operator");
  }

  /** With the local stack's development key of {@code devKeyRole} when no key is given (admin for connections). */
  PostingsClient open(CliContext context, String devKeyRole) throws NoApiKey {
    return new PostingsClient(URI.create(baseUrl(context)), key(context, devKeyRole), timeout);
  }

  String baseUrl(CliContext context) {
    if (url != null && !url.isBlank()) {
      return url;
    }
    String fromEnvironment = context.environment().get("POSTINGS_URL");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    String port = context.environment().getOrDefault("STARTER_PORT", "8080");
    return "http://localhost:" + (port.isBlank() ? "8080" : port);
  }

  String key(CliContext context) throws NoApiKey {
    return key(context, "operator");
  }

  String key(CliContext context, String devKeyRole) throws NoApiKey {
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey;
    }
    String fromEnvironment = context.environment().get("POSTINGS_API_KEY");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    Path devKeys = context.workingDirectory().resolve(DEV_KEYS_FILE);
    if (Files.isRegularFile(devKeys)) {
      try {
        JsonNode keys = PostingsClient.JSON.readTree(devKeys.toFile());
        String operator = keys.path(devKeyRole).asText("");
        if (!operator.isBlank()) {
          return operator;
        }
      } catch (IOException unreadable) {
        throw new NoApiKey("cannot read " + devKeys + ": " + unreadable.getMessage());
      }
    }
    throw new NoApiKey("no API key: pass --api-key or set POSTINGS_API_KEY (the local stack writes its operator key"
        + " to " + DEV_KEYS_FILE + " when it starts)");
  }
}
