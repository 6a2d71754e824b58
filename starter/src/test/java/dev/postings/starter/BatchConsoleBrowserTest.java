package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's batches in a real headless Chromium against the whole local stack (as {@link ConsoleBrowserTest}): a
 * service sends a file with valid and invalid rows for one connection; the operator finds the batch in the list, opens
 * it, reads its postings by state, its starts and its invalid rows by line, and downloads its results file.
 */
class BatchConsoleBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static LocalStack stack;
  private static String missingBrowser;
  private WebDriver browser;
  private Path profile;

  @BeforeAll
  static void startStack() throws Exception {
    if (CHROMIUM.stream().noneMatch(Files::isExecutable) || !Files.isExecutable(CHROMEDRIVER)) {
      missingBrowser = "headless Chromium is not installed (need /usr/bin/chromium and /usr/bin/chromedriver;"
          + " run .ci/setup-browser, or apt-get install chromium chromium-driver)";
      if ("1".equals(System.getenv("POSTINGS_REQUIRE_BROWSER"))) {
        Assertions.fail(missingBrowser + ", and POSTINGS_REQUIRE_BROWSER=1 says the console test must run");
      }
      System.err.println("BatchConsoleBrowserTest skipped: " + missingBrowser);
      return;
    }
    stack = new LocalStack();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    Assumptions.assumeTrue(missingBrowser == null, () -> "skipping the web console test: " + missingBrowser);
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElseThrow().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
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

  /**
   * Three Acquaint charges of a penny each (the sandbox's charge 7001 owes far more) on the batch's connection, which
   * the rows leave out; line 3 has a negative amount and line 5 an unknown provider.
   */
  private static String file(String run) {
    String header = "postingId,provider,amount.minor,amount.currency,transactionDate,paymentType,referenceNumber,"
        + "description,target.operation,target.chargeId,target.bankAccountId\n";
    StringBuilder csv = new StringBuilder(header);
    String[][] rows = {{"1", "ACQUAINT", "1"}, {"2", "ACQUAINT", "-5"}, {"3", "ACQUAINT", "1"},
        {"4", "ACQUAINTED", "1"}, {"5", "ACQUAINT", "1"}};
    for (String[] row : rows) {
      csv.append("aq-batch-").append(run).append('-').append(row[0]).append(',').append(row[1]).append(',')
          .append(row[2]).append(",GBP,2026-03-13T12:39:00Z,3,BATCH-").append(run).append('-').append(row[0])
          .append(",Console batch,CHARGE,7001,1\n");
    }
    return csv.toString();
  }

  @Test
  void anOperatorFindsABatchReadsItsCountsAndInvalidRowsAndDownloadsItsResults(TestInfo test) throws Throwable {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String batchId = "console-day-" + run;
    HttpResponse<String> sent = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/batches/" + batchId
        + "?invalidRows=LEAVE_OUT&connectionId=acquaint-dev"), LocalStack.SERVICE_KEY)
        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(file(run))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> "FINISHED".equals(batch(batchId).path("status").asText()));

    try {
      WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
      browser.get(stack.apiUrl.resolve("/console/").toString());
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(LocalStack.OPERATOR_KEY);
      browser.findElement(By.id("login-button")).click();

      // the list: the batch with what its file held
      wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-batches"))).click();
      WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("#batches-body [data-batch='" + batchId + "']")));
      assertThat(row.getText()).contains("5", "3", "2", "service");

      // the batch: postings by state, starts, the invalid rows by line
      row.findElement(By.linkText(batchId)).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#batch-status [data-state='FINISHED']")));
      assertThat(browser.findElement(By.id("batch-rows-read")).getText()).isEqualTo("5");
      assertThat(browser.findElement(By.id("batch-rows-invalid")).getText()).isEqualTo("2");
      assertThat(browser.findElement(By.cssSelector("#batch-postings [data-batch-state='CONFIRMED']")).getText())
          .endsWith("3");
      assertThat(browser.findElement(By.cssSelector("#batch-starts [data-batch-start='STARTED']")).getText())
          .endsWith("3");
      assertThat(browser.findElements(By.cssSelector("#batch-invalid tbody tr")))
          .extracting(element -> element.getAttribute("data-line")).containsExactly("3", "5");
      assertThat(browser.findElement(By.cssSelector("#batch-invalid [data-line='3']")).getText())
          .contains("amount.minor");
      assertThat(browser.findElement(By.cssSelector("#batch-invalid [data-line='5']")).getText())
          .contains("provider");

      // the results file, fetched with the operator's key: one line per row of the file
      browser.findElement(By.id("batch-results")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-results-status"), "rows"));
      assertThat(browser.findElement(By.id("batch-results-status")).getText())
          .isEqualTo(batchId + "-results.csv: 5 rows");
    } catch (Throwable failure) {
      keepEvidence(test);
      throw failure;
    }
  }

  private static JsonNode batch(String batchId) throws Exception {
    return JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/batches/" + batchId)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
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
}
