package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationReports;
import dev.postings.reconciliation.ReconciliationStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's reconciliation pages in a real headless Chromium, against the starter and its registry (no worker: the
 * reports are kept through {@link ReconciliationStore} as the workflow keeps them): the menu counts the open task, the
 * list shows it first, its page shows the counts and items, the CSV link gives the items as the API does, and the
 * operator resolves it after the dialog. Skipped without Chromium unless {@code POSTINGS_REQUIRE_BROWSER=1}, as
 * {@link ConsoleBrowserTest} is.
 */
class ReconciliationConsoleBrowserTest {

  private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static StarterOnly app;
  private static String missingBrowser;
  private ChromeDriver browser;
  private Path profile;

  @BeforeAll
  static void startStarter() throws Exception {
    if (chromium().isEmpty() || !Files.isExecutable(CHROMEDRIVER)) {
      missingBrowser = "headless Chromium is not installed (need /usr/bin/chromium and /usr/bin/chromedriver;"
          + " run .ci/setup-browser, or apt-get install chromium chromium-driver)";
      if ("1".equals(System.getenv("POSTINGS_REQUIRE_BROWSER"))) {
        Assertions.fail(missingBrowser + ", and POSTINGS_REQUIRE_BROWSER=1 says the console test must run");
      }
      System.err.println("ReconciliationConsoleBrowserTest skipped: " + missingBrowser);
      return;
    }
    app = new StarterOnly();
  }

  @AfterAll
  static void stopStarter() {
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    Assumptions.assumeTrue(missingBrowser == null, () -> "skipping the web console test: " + missingBrowser);
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().orElseThrow().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
    // the CSV link's download lands here, where the test reads it
    options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
        profile.resolve("downloads").toString(), "download.prompt_for_download", false));
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

  @Test
  void anOperatorFindsTheOpenReconciliationReadsItDownloadsItsCsvAndResolvesIt() throws Throwable {
    ReconciliationStore store = app.starter.getBean(ReconciliationStore.class);
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    Instant now = Instant.now();
    long open = store.save("acquaint-dev", day, now.minusSeconds(3600), List.of(
        new ReconciliationItem(ReconciliationOutcome.MATCHED, "aq-1", "9001", 4_550L, 4_550L, null),
        new ReconciliationItem(ReconciliationOutcome.MISSING, "aq-2", "9002", 12_000L, null,
            "the ledger no longer shows record 9002"),
        new ReconciliationItem(ReconciliationOutcome.UNEXPECTED, null, "9100", null, 700L,
            "<img src=x onerror=alert(1)> keyed in by hand")), 2).reconciliationId();
    // newer, and clean: the open one is still listed first
    long clean = store.save("storedge-main", day, now, List.of(
        new ReconciliationItem(ReconciliationOutcome.MATCHED, "se-1", "L-1", 100L, 100L, null)), 1)
        .reconciliationId();

    try {
      WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
      browser.get(app.url.resolve("/console/").toString());
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(LocalStack.OPERATOR_KEY);
      browser.findElement(By.id("login-button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("postings-body")));

      // the menu says an operator is needed, on every page
      WebElement count = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("open-reconciliations")));
      assertThat(count.getText()).isEqualTo("1");

      // the list: the open one first, with its counts
      browser.findElement(By.id("nav-reconciliations")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-reconciliation='" + clean + "']")));
      List<WebElement> rows = browser.findElements(By.cssSelector("#reconciliations-body tr"));
      assertThat(rows.get(0).getAttribute("data-reconciliation")).isEqualTo(String.valueOf(open));
      assertThat(rows.get(0).getAttribute("class")).contains("open-task");
      assertThat(rows.get(0).findElement(By.cssSelector("[data-outcome='MISSING']")).getText()).isEqualTo("1");
      assertThat(rows.get(0).getText()).contains("acquaint-dev", day.toString(), "OPEN");

      // its page: counts and items, text from the ledger shown as text
      rows.get(0).findElement(By.linkText(String.valueOf(open))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reconciliation-items")));
      assertThat(browser.findElement(By.cssSelector("[data-count-outcome='MISSING']")).getText()).contains("1");
      assertThat(browser.findElements(By.cssSelector("#reconciliation-items tr"))).hasSize(3);
      assertThat(browser.findElement(By.cssSelector("#reconciliation-items tr[data-outcome='UNEXPECTED']")).getText())
          .contains("<img src=x onerror=alert(1)> keyed in by hand");
      assertThat(browser.findElements(By.cssSelector("#reconciliation-items img"))).isEmpty();

      // the CSV link: the items as the API gives them to Accept: text/csv
      WebElement csv = browser.findElement(By.id("reconciliation-csv"));
      csv.click();
      Path downloaded = profile.resolve("downloads").resolve("reconciliation-" + open + ".csv");
      wait.until(driver -> Files.exists(downloaded));
      assertThat(Files.readString(downloaded)).startsWith(
          "outcome,postingId,recordId,expectedAmountMinor,ledgerAmountMinor,detail\r\nMATCHED,aq-1,9001,4550,4550,\r\n")
          .contains("MISSING,aq-2,9002,12000,,the ledger no longer shows record 9002\r\n");

      // resolved with a note, after the dialog
      browser.findElement(By.id("reconciliation-note")).sendKeys("record 9002 keyed in again in Acquaint");
      browser.findElement(By.id("do-resolve-reconciliation")).click();
      WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
      assertThat(dialog.getText()).contains("acquaint-dev", "record 9002 keyed in again in Acquaint");
      browser.findElement(By.id("confirm-yes")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reconciliation-result"), "Resolved"));
      assertThat(browser.findElement(By.id("resolved-by")).getText()).isEqualTo("dev-operator");
      assertThat(browser.findElements(By.id("resolve-reconciliation"))).isEmpty();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("open-reconciliations")));
    } catch (Throwable failure) {
      keepEvidence();
      throw failure;
    }
    ReconciliationReports reports = app.starter.getBean(ReconciliationReports.class);
    assertThat(reports.find(open).orElseThrow().resolvedBy()).isEqualTo("dev-operator");
    assertThat(reports.find(open).orElseThrow().resolutionNote()).isEqualTo("record 9002 keyed in again in Acquaint");
  }

  private static Optional<Path> chromium() {
    return CHROMIUM.stream().filter(Files::isExecutable).findFirst();
  }

  private void keepEvidence() {
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, target.resolve("console-reconciliation.png"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(target.resolve("console-reconciliation.html"), browser.getPageSource());
      System.err.println("console test failed: screenshot and page in " + target.toAbsolutePath()
          + "/console-reconciliation.{png,html} (url " + browser.getCurrentUrl() + ")");
    } catch (Exception evidenceLost) {
      System.err.println("console test failed, and no screenshot could be taken: " + evidenceLost);
    }
  }
}
