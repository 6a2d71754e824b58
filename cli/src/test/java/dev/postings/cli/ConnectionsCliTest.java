package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.client.PostingsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./postings connections ...} against a stand-in API: requests sent, keys used, and no credential printed. */
class ConnectionsCliTest {

  private static final String CONNECTION = """
      {"connectionId":"acquaint-west","api":"ACQUAINT","name":"West Lettings","baseUrl":"https://api.example.com",
       "last4":"9f2c","rateLimit":{"requestsPerMinute":95},"approval":null,"status":"ACTIVE","version":1}""";

  @TempDir
  Path workingDirectory;

  private FakeOperatorApi api;
  private final Map<String, String> environment = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() throws IOException {
    api = new FakeOperatorApi();
    Files.createDirectories(workingDirectory.resolve(".postings"));
    Files.writeString(workingDirectory.resolve(".postings/dev-api-keys.json"),
        "{\"service\":\"svc-dev-key\",\"operator\":\"op-dev-key\",\"admin\":\"admin-dev-key\"}");
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private int run(String... args) {
    return PostingsCli.run(new CliContext(environment, workingDirectory, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
        new PrintWriter(out, true), new PrintWriter(err, true)), args);
  }

  @Test
  void addSendsTheCredentialsOnceWithTheLocalAdminKeyAndPrintsOnlyTheirLast4() throws IOException {
    api.answer("POST", "/api/connections", 201, CONNECTION);

    int exit = run("connections", "add", "acquaint-west", "--url", api.url(), "--api", "acquaint", "--name",
        "West Lettings", "--base-url", "https://api.example.com", "--credential", "sitePrefix=WEST",
        "--credential", "apiKey=secret-key-9f2c", "--rate-limit", "95");

    assertThat(exit).isZero();
    FakeOperatorApi.Received request = api.last();
    assertThat(request.apiKey()).isEqualTo("admin-dev-key");
    assertThat(PostingsClient.JSON.readTree(request.body())).isEqualTo(PostingsClient.JSON.readTree("""
        {"connectionId":"acquaint-west","api":"ACQUAINT","name":"West Lettings","baseUrl":"https://api.example.com",
         "credentials":{"sitePrefix":"WEST","apiKey":"secret-key-9f2c"},"rateLimit":{"requestsPerMinute":95}}"""));
    assertThat(out.toString()).contains("acquaint-west", "ACQUAINT", "ACTIVE", "…9f2c", "95")
        .doesNotContain("secret-key");
  }

  @Test
  void listAndCheckUseTheOperatorKeyAndACheckThatIsNotOkExitsNonZero() {
    api.answer("GET", "/api/connections", 200, "{\"connections\":[" + CONNECTION + "]}");
    api.answer("POST", "/api/connections/acquaint-west/check", 200,
        "{\"connectionId\":\"acquaint-west\",\"outcome\":\"refused\",\"status\":401,\"detail\":\"HTTP 401\"}");

    assertThat(run("connections", "list", "--url", api.url())).isZero();
    assertThat(api.last().apiKey()).isEqualTo("op-dev-key");
    assertThat(out.toString()).contains("CONNECTION", "acquaint-west", "…9f2c");

    assertThat(run("connections", "check", "acquaint-west", "--url", api.url())).isEqualTo(ExitStatus.SERVER.code);
    assertThat(out.toString()).contains("acquaint-west: refused (HTTP 401)");
  }

  @Test
  void rotateAndDisableAreAdminActionsOnTheNamedConnection() {
    api.answer("POST", "/api/connections/acquaint-west/rotate", 200, CONNECTION);
    api.answer("POST", "/api/connections/acquaint-west/disable", 403,
        "{\"error\":\"forbidden\",\"message\":\"not allowed\",\"errors\":[]}");

    assertThat(run("connections", "rotate", "acquaint-west", "--url", api.url(), "--credential", "sitePrefix=WEST",
        "--credential", "apiKey=new-key-0001")).isZero();
    assertThat(api.last().body()).contains("\"credentials\"", "new-key-0001");
    assertThat(api.last().apiKey()).isEqualTo("admin-dev-key");
    assertThat(out.toString()).doesNotContain("new-key-0001");

    assertThat(run("connections", "disable", "acquaint-west", "--url", api.url())).isEqualTo(ExitStatus.AUTH.code);
  }
}
