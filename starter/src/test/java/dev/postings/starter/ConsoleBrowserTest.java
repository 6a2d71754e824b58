package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's {@code chromium} driven through {@code /usr/bin/chromedriver}),
 * against the whole local stack: an operator signs in, finds the posting that needs attention, reads its timeline,
 * resolves it with the record id, confirms the dialog and sees it CONFIRMED.
 *
 * <p>No Chromium: under CI ({@code POSTINGS_REQUIRE_BROWSER=1}, set by {@code .ci/run} after {@code .ci/setup-browser})
 * the test fails; elsewhere it is skipped with a message, so {@code mvn verify} on a machine with only Java and Maven
 * still passes. A failure leaves a screenshot and the page source in {@code starter/target/}.
 */
class ConsoleBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static LocalStack stack;
  /** Why there is no browser to drive; null when there is one. */
  private static String missingBrowser;
  private WebDriver browser;
  private Path profile;

  @BeforeAll
  static void startStack() throws Exception {
    if (chromium().isEmpty() || !Files.isExecutable(CHROMEDRIVER)) {
      missingBrowser = "headless Chromium is not installed (need /usr/bin/chromium and /usr/bin/chromedriver;"
          + " run .ci/setup-browser, or apt-get install chromium chromium-driver)";
      if ("1".equals(System.getenv("POSTINGS_REQUIRE_BROWSER"))) {
        Assertions.fail(missingBrowser + ", and POSTINGS_REQUIRE_BROWSER=1 says the console test must run");
      }
      System.err.println("ConsoleBrowserTest skipped: " + missingBrowser);
      return;
    }
    // A Propertyware job that stays PENDING past the posting's job deadline: the posting goes to NEEDS_ATTENTION, the
    // job settles later (the sandbox's clock is moved on), and the operator names the record it created.
    stack = new LocalStack(new String[] {"--postings.policy.propexo.job-deadline=3s"},
        "--sandbox.propexo.job-pending-for=1h");
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    // skipped per test (not for the whole class) so the skip and its reason show in the test report
    Assumptions.assumeTrue(missingBrowser == null, () -> "skipping the web console test: " + missingBrowser);
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().orElseThrow().toFile());
    // this machine's closed network: no background fetches, updates or sync; a fresh profile every run
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void anOperatorFindsThePostingThatNeedsAttentionAndResolvesItWithTheRecordId(TestInfo test) throws Throwable {
    String postingId = "pw-console-" + UUID.randomUUID().toString().substring(0, 8);
    String reference = "CHK-CONSOLE-" + UUID.randomUUID().toString().substring(0, 6);
    String confirmedId = "aq-console-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(start(propertyware(postingId, reference)).statusCode()).isEqualTo(202);
    assertThat(start(acquaintCharge(confirmedId)).statusCode()).isEqualTo(202);
    awaitState(confirmedId, "CONFIRMED");
    awaitState(postingId, "NEEDS_ATTENTION");
    String recordId = settleTheJobAndFindItsRecord(reference);

    try {
      WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
      browser.get(stack.apiUrl.resolve("/console/").toString());

      // sign in: a wrong key is refused on the page, the operator key is kept for the tab
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys("not-a-key");
      browser.findElement(By.id("login-button")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
      WebElement keyInput = browser.findElement(By.id("api-key"));
      keyInput.clear();
      keyInput.sendKeys(LocalStack.OPERATOR_KEY);
      browser.findElement(By.id("login-button")).click();

      // the list: both postings and the counts by state, then only the one that needs attention
      wait.until(ExpectedConditions.presenceOfElementLocated(rowOf(confirmedId)));
      wait.until(ExpectedConditions.presenceOfElementLocated(rowOf(postingId)));
      assertThat(browser.findElement(By.cssSelector("[data-count-state='NEEDS_ATTENTION']")).getText()).contains("1");
      // other tests of this class confirm postings too: the page shows what the API counts
      long confirmed = JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings?limit=1")).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).body()).path("counts").path("CONFIRMED").asLong();
      assertThat(browser.findElement(By.cssSelector("[data-count-state='CONFIRMED']")).getText())
          .contains(String.valueOf(confirmed));
      WebElement unfiltered = browser.findElement(By.id("postings"));
      new Select(browser.findElement(By.id("filter-state"))).selectByValue("NEEDS_ATTENTION");
      browser.findElement(By.id("apply-filters")).click();
      wait.until(ExpectedConditions.stalenessOf(unfiltered));
      WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowOf(postingId)));
      // a page's rows arrive together: with this one shown, the CONFIRMED one would be too had the filter not applied
      assertThat(browser.findElements(rowOf(confirmedId))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("#postings-body [data-state]")))
          .extracting(WebElement::getText).containsOnly("NEEDS_ATTENTION");
      assertThat(browser.getCurrentUrl()).contains("state=NEEDS_ATTENTION");

      // the posting: what it waits for since when, its steps, the history behind a step
      row.findElement(By.linkText(postingId)).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#posting-state [data-state='NEEDS_ATTENTION']")));
      assertThat(browser.findElement(By.id("waiting")).getText()).contains("since");
      // why, as a code, and the runbook page that says what to do
      WebElement attention = browser.findElement(By.id("attention"));
      assertThat(attention.getAttribute("data-code")).isEqualTo("JOB_WITHOUT_OUTCOME");
      assertThat(attention.getText()).contains("docs/runbook/attention/job-without-outcome.md");
      assertThat(browser.findElements(By.cssSelector("#timeline > li"))).isNotEmpty();
      WebElement history = browser.findElement(By.cssSelector("#timeline details"));
      history.findElement(By.tagName("summary")).click();
      assertThat(history.getAttribute("open")).isNotNull();
      assertThat(history.findElements(By.cssSelector(".history li"))).isNotEmpty();

      // resolve with the record id, confirmed in the dialog
      browser.findElement(By.id("resolve-recordId")).sendKeys(recordId);
      browser.findElement(By.id("do-resolve")).click();
      WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
      assertThat(dialog.getText()).contains(postingId, recordId);
      browser.findElement(By.id("confirm-yes")).click();

      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#posting-state [data-state='CONFIRMED']")));
      assertThat(browser.findElement(By.id("record-id")).getText()).isEqualTo(recordId);
      assertThat(browser.findElement(By.id("action-result")).getText()).contains("CONFIRMED");
    } catch (Throwable failure) {
      keepEvidence(test);
      throw failure;
    }
    assertThat(status(postingId).path("state").asText()).isEqualTo("CONFIRMED");
  }

  /**
   * A confirmed Acquaint payment asked to be reversed becomes an operator task (Acquaint has no reversal API): the
   * operator finds it among the reversals to do by hand with what to reverse, marks it done with a note after the
   * dialog, and the posting's page shows it REVERSED by them.
   */
  @Test
  void anOperatorFindsAReversalToDoByHandAndMarksItDone(TestInfo test) throws Throwable {
    String postingId = "aq-console-rev-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> charge = HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/acquaint/charges"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenancyId\":301,\"amount\":120.00}")).build(),
        HttpResponse.BodyHandlers.ofString());
    ObjectNode request = acquaintCharge(postingId);
    ((ObjectNode) request.path("target")).put("chargeId", JSON.readTree(charge.body()).path("Id").asLong());
    assertThat(start(request).statusCode()).isEqualTo(202);
    awaitState(postingId, "CONFIRMED");
    HttpResponse<String> reverse = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId
        + "/reverse")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"chargeback\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reverse.statusCode()).as(reverse.body()).isEqualTo(200);

    try {
      WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
      browser.get(stack.apiUrl.resolve("/console/").toString());
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(LocalStack.OPERATOR_KEY);
      browser.findElement(By.id("login-button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("postings-body")));

      // the reversals to do by hand: this one, with what to reverse
      browser.findElement(By.id("nav-reversals")).click();
      By row = By.cssSelector("tr[data-reversal-of='" + postingId + "']");
      WebElement task = wait.until(driver -> {
        if (driver.findElement(By.id("reversals-status")).getText().startsWith("Loading")) {
          return null;
        }
        List<WebElement> rows = driver.findElements(row);
        if (rows.isEmpty()) {
          // loaded before the reversal opened its task: load again
          driver.findElement(By.id("refresh")).click();
          return null;
        }
        return rows.get(0);
      });
      assertThat(task.getText()).contains("NEEDS_ATTENTION", "reverse record", "in ACQUAINT", "BACS-" + postingId);

      // marked done with a note, confirmed in the dialog
      task.findElement(By.name("note")).sendKeys("credit note CN-7 in Acquaint");
      task.findElement(By.cssSelector("button[type='submit']")).click();
      WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
      assertThat(dialog.getText()).contains(postingId, "credit note CN-7 in Acquaint");
      browser.findElement(By.id("confirm-yes")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "is now REVERSED"));
      assertThat(browser.findElements(row)).as("no longer to do").isEmpty();

      // the posting's page shows who did it
      browser.get(stack.apiUrl.resolve("/console/#/postings/" + postingId).toString());
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#reversal-state [data-state='REVERSED']")));
      assertThat(browser.findElement(By.id("reversed-by")).getText()).isEqualTo("dev-operator");
    } catch (Throwable failure) {
      keepEvidence(test);
      throw failure;
    }
  }

  private static By rowOf(String postingId) {
    return By.cssSelector("tr[data-posting-id='" + postingId + "']");
  }

  private static Optional<Path> chromium() {
    return CHROMIUM.stream().filter(Files::isExecutable).findFirst();
  }

  /** The job settles once the sandbox's clock passes its pending time; its record is then in the ledger. */
  private static String settleTheJobAndFindItsRecord(String reference) throws Exception {
    HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/clock/advance?seconds=7200"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    String[] recordId = new String[1];
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode ledger = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
          stack.sandboxUrl.resolve("/sandbox/propexo/resident-payments")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode payment : ledger.path("results")) {
        if (reference.equals(payment.path("reference_number").asText())) {
          recordId[0] = payment.path("id").asText();
          return true;
        }
      }
      return false;
    });
    return recordId[0];
  }

  private void keepEvidence(TestInfo test) {
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      String name = "console-" + test.getTestMethod().map(m -> m.getName()).orElse("test");
      Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(target.resolve(name + ".html"), browser.getPageSource());
      System.err.println("console test failed: screenshot and page in " + target.toAbsolutePath().resolve(name)
          + ".{png,html} (url " + browser.getCurrentUrl() + ")");
    } catch (Exception evidenceLost) {
      System.err.println("console test failed, and no screenshot could be taken: " + evidenceLost);
    }
  }

  private static ObjectNode propertyware(String postingId, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", reference);
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_console").put("leaseId", "lease_1")
        .put("residentId", "res_console").put("financialAccountId", "fa_1");
    return body;
  }

  private static ObjectNode acquaintCharge(String postingId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "ACQUAINT");
    body.put("connectionId", "acquaint-dev");
    body.putObject("amount").put("minor", 12_000).put("currency", "GBP");
    body.put("transactionDate", "2026-03-13T12:39:00Z");
    body.put("paymentType", "3");
    body.put("referenceNumber", "BACS-" + postingId);
    body.put("description", "Charge");
    body.putObject("target").put("operation", "CHARGE").put("chargeId", 7001).put("bankAccountId", 1);
    return body;
  }

  private static HttpResponse<String> start(ObjectNode body) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"), LocalStack.SERVICE_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode status(String postingId) throws Exception {
    URI uri = stack.apiUrl.resolve("/api/postings/" + postingId);
    return JSON.readTree(HTTP.send(LocalStack.withKey(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static void awaitState(String postingId, String state) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> state.equals(status(postingId).path("state").asText()));
  }
}
