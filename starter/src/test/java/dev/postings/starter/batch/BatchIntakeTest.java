package dev.postings.starter.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.postings.batch.BatchFormat;
import dev.postings.batch.BatchStatus;
import dev.postings.batch.BatchStore;
import dev.postings.batch.InvalidRows;
import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.model.FieldError;
import dev.postings.registry.EmbeddedDatabaseSettings;
import dev.postings.registry.EmbeddedRegistryDatabase;
import dev.postings.starter.api.PostingAccepted;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.api.PostingService.StartOutcome;
import dev.postings.starter.contract.RequestContract;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch file through the intake, on a real PostgreSQL: read as a stream, every row checked by the API's own contract,
 * stored whole or not at all, idempotent by batch id and file, started later through the API's start at a pace.
 */
class BatchIntakeTest {

  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
  private static final PostingPolicy POLICY = PostingPolicy.defaults();
  private static final RequestContract CONTRACT = new RequestContract(JSON, POLICY.limits());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC);
  /** Postings name their connection once the contract has the field (a required field from then on). */
  private static final boolean CONNECTIONS = CONTRACT.postingRequestSchema().path("properties").has("connectionId");
  private static final String HEADER = (CONNECTIONS ? "connectionId," : "") + "postingId,provider,amount.minor,"
      + "amount.currency,transactionDate,paymentType,referenceNumber,description,target.operation,target.chargeId,"
      + "target.bankAccountId";

  private static EmbeddedRegistryDatabase database;
  private BatchStore store;
  private BatchSeal seal;
  private BatchIntake intake;

  @BeforeAll
  static void database() {
    database = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(
        Path.of("target", "batch-test-db", UUID.randomUUID().toString())));
  }

  @BeforeEach
  void emptyTables() throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE batch_invalid_rows, batch_rows, batches");
    }
    store = new BatchStore(database.dataSource());
    seal = new BatchSeal(new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings("k1",
        Map.of("k1", EncryptionKeys.LOCAL_DEVELOPMENT_KEY)))));
    intake = intake(100);
  }

  private BatchIntake intake(int maxRows) {
    return new BatchIntake(store, new BatchFileReader(maxRows, 65_536),
        new BatchRowCheck(new PostingRequestReader(JSON, POLICY.limits(), CONTRACT), POLICY, CLOCK), seal, CLOCK, 3);
  }

  private static String row(String postingId, String amountMinor, String reference) {
    return (CONNECTIONS ? "acquaint-dev," : "") + postingId + ",ACQUAINT," + amountMinor
        + ",GBP,2026-12-01T09:30:00Z,3," + reference + ",Keys,CHARGE,7002,7";
  }

  private static InputStream csv(String... rows) {
    return new ByteArrayInputStream((HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String jsonLine(String postingId, String extra) {
    return "{" + (CONNECTIONS ? "\"connectionId\":\"storedge-main\"," : "") + "\"postingId\":\"" + postingId
        + "\",\"provider\":\"STOREDGE\",\"amount\":{\"minor\":6000,\"currency\":\"USD\"},\"transactionDate\":"
        + "\"2026-12-01T09:30:00Z\",\"referenceNumber\":\"SE-" + postingId + "\",\"target\":{\"facilityId\":\"fac_1\","
        + "\"ledgerId\":\"led_1\",\"paymentKind\":\"CUSTOM\",\"paymentMethod\":" + extra + "}}";
  }

  private static final String STORED = "{\"kind\":\"STORED\",\"paymentMethodId\":\"pm_1\"}";

  @Test
  void aFileWithAnInvalidRowIsRefusedWholeListingEveryInvalidRowAndLeavesTheIdFree() {
    BatchIntake.Intake outcome = intake.receive("day-1", "billing", BatchFormat.CSV, InvalidRows.REFUSE,
        csv(row("b-1", "4550", "R1"), row("b-2", "-5", "R2"), row("b-3", "lots", "R3")));

    BatchIntake.Intake.Refused refused = (BatchIntake.Intake.Refused) outcome;
    assertThat(refused.rowsRead()).isEqualTo(3);
    assertThat(refused.invalid()).extracting(InvalidRow::line).containsExactly(3, 4);
    assertThat(refused.invalid()).allSatisfy(row ->
        assertThat(row.errors()).extracting(FieldError::field).contains("amount.minor"));
    assertThat(store.find("day-1")).isEmpty();

    BatchIntake.Intake again = intake.receive("day-1", "billing", BatchFormat.CSV, InvalidRows.REFUSE,
        csv(row("b-1", "4550", "R1")));
    assertThat(again).isInstanceOf(BatchIntake.Intake.Stored.class);
  }

  @Test
  void leftOutRowsAreListedAndTheValidOnesStored() {
    BatchIntake.Intake outcome = intake.receive("day-2", "billing", BatchFormat.CSV, InvalidRows.LEAVE_OUT,
        csv(row("c-1", "4550", "R1"), row("c-2", "-5", "R2"), row("c-1", "4550", "R1"), row("c-4", "100", "R4")));

    BatchIntake.Intake.Stored stored = (BatchIntake.Intake.Stored) outcome;
    assertThat(stored.batch().rowsRead()).isEqualTo(4);
    assertThat(stored.batch().rowsValid()).isEqualTo(2);
    assertThat(stored.batch().rowsInvalid()).isEqualTo(2);
    assertThat(stored.invalid()).extracting(InvalidRow::line).containsExactly(3, 4);
    assertThat(stored.invalid().get(1).errors()).containsExactly(
        new FieldError("postingId", "appears on an earlier line of this file"));
    assertThat(store.counts("day-2").waitingToStart()).isEqualTo(2);
  }

  @Test
  void aRowIsNamedByTheLineItStartsOnWhenACellSpansLines() {
    BatchIntake.Intake.Stored stored = (BatchIntake.Intake.Stored) intake.receive("day-2b", "billing", BatchFormat.CSV,
        InvalidRows.LEAVE_OUT, csv(row("m-1", "4550", "R1").replace(",Keys,", ",\"Keys,\nspare set\","),
            row("m-2", "-5", "R2")));
    assertThat(stored.invalid()).extracting(InvalidRow::line).containsExactly(4);
    assertThat(stored.batch().rowsValid()).isEqualTo(1);
  }

  @Test
  void theSameFileAgainIsTheSameBatchAndAnotherFileOrServiceIsAConflict() {
    String[] rows = {row("d-1", "4550", "R1"), row("d-2", "100", "R2")};
    assertThat(intake.receive("day-3", "billing", BatchFormat.CSV, InvalidRows.REFUSE, csv(rows)))
        .isInstanceOf(BatchIntake.Intake.Stored.class);

    assertThat(intake.receive("day-3", "billing", BatchFormat.CSV, InvalidRows.REFUSE, csv(rows)))
        .isInstanceOfSatisfying(BatchIntake.Intake.SameFile.class, same ->
            assertThat(same.batch().rowsValid()).isEqualTo(2));
    assertThat(intake.receive("day-3", "billing", BatchFormat.CSV, InvalidRows.REFUSE,
        csv(row("d-1", "4551", "R1"), row("d-2", "100", "R2")))).isInstanceOf(BatchIntake.Intake.Conflict.class);
    assertThat(intake.receive("day-3", "lettings", BatchFormat.CSV, InvalidRows.REFUSE, csv(rows)))
        .isInstanceOf(BatchIntake.Intake.Conflict.class);
    assertThat(store.counts("day-3").waitingToStart()).isEqualTo(2);
  }

  @Test
  void jsonLinesRefuseCardNumbersAndCallbacksAndNameTheFields() {
    String card = "{\"kind\":\"CREDIT_CARD\",\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"cardType\":\"visa\","
        + "\"cardNumber\":\"4111111111111111\",\"securityCode\":\"123\",\"expirationDate\":\"10/49\","
        + "\"billingAddress\":{\"address1\":\"1 Main\",\"city\":\"Town\",\"postal\":\"12345\"}}";
    String withCallback = jsonLine("e-3", STORED).replaceFirst("\\{", "{\"callbackUrl\":\"https://x.example/cb\",");
    String file = jsonLine("e-1", STORED) + "\n\n" + jsonLine("e-2", card) + "\n" + withCallback + "\n{not json\n";

    BatchIntake.Intake.Stored stored = (BatchIntake.Intake.Stored) intake.receive("day-4", "billing",
        BatchFormat.JSON_LINES, InvalidRows.LEAVE_OUT, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

    assertThat(stored.batch().rowsValid()).isEqualTo(1);
    assertThat(stored.invalid()).extracting(InvalidRow::line).containsExactly(3, 4, 5);
    assertThat(stored.invalid().get(0).errors()).extracting(FieldError::field)
        .contains("target.paymentMethod.kind");
    assertThat(stored.invalid().get(1).errors()).extracting(FieldError::field).contains("callbackUrl");
    assertThat(stored.invalid().toString()).doesNotContain("4111111111111111");
  }

  @Test
  void theStoredRequestIsSealedAndOpensToWhatWasSent() throws Exception {
    intake.receive("day-5", "billing", BatchFormat.JSON_LINES, InvalidRows.REFUSE,
        new ByteArrayInputStream(jsonLine("f-1", STORED).getBytes(StandardCharsets.UTF_8)));
    byte[] sealed;
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT request_sealed FROM batch_rows WHERE batch_id = 'day-5'")) {
      row.next();
      sealed = row.getBytes(1);
    }
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("SE-f-1");
    assertThat(seal.open(sealed)).isEqualTo(jsonLine("f-1", STORED));
  }

  @Test
  void aHeaderWithAnUnknownColumnOrACardColumnRefusesTheFile() {
    InputStream cards = new ByteArrayInputStream((HEADER + ",target.paymentMethod.cardNumber\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> intake.receive("day-6", "billing", BatchFormat.CSV, InvalidRows.REFUSE, cards))
        .isInstanceOfSatisfying(BatchFileRefused.class, refused -> {
          assertThat(refused.field()).isEqualTo("header");
          assertThat(refused.getMessage()).contains("target.paymentMethod.cardNumber");
        });
    assertThat(store.find("day-6")).isEmpty();
  }

  @Test
  void moreRowsThanAllowedRefuseTheFileAndListsStayBounded() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(row("g-" + i, "-1", "R" + i));
    }
    BatchIntake.Intake.Refused refused = (BatchIntake.Intake.Refused) intake.receive("day-7", "billing",
        BatchFormat.CSV, InvalidRows.REFUSE, csv(rows.toArray(String[]::new)));
    // three listed (the configured bound), every one counted
    assertThat(refused.invalid()).hasSize(3);
    assertThat(refused.invalidNotListed()).isEqualTo(3);

    assertThatThrownBy(() -> intake(5).receive("day-8", "billing", BatchFormat.CSV, InvalidRows.REFUSE,
        csv(rows.toArray(String[]::new)))).isInstanceOfSatisfying(BatchFileRefused.class, refusedFile ->
            assertThat(refusedFile.getMessage()).contains("more than 5 rows"));
    assertThat(store.find("day-8")).isEmpty();
  }

  @Test
  void storedRowsStartThroughTheApisStartAtThePaceAndInFileOrder() {
    intake.receive("day-9", "billing", BatchFormat.CSV, InvalidRows.REFUSE,
        csv(row("h-1", "4550", "R1"), row("h-2", "100", "R2"), row("h-3", "200", "R3")));
    List<String> started = new ArrayList<>();
    BatchStarts starts = new BatchStarts(store, seal, (body, owner) -> {
      assertThat(owner).isEqualTo("billing");
      String postingId = body.replaceAll(".*\"postingId\":\"([^\"]+)\".*", "$1");
      started.add(postingId);
      return postingId.equals("h-2") ? new StartOutcome.Conflict(postingId)
          : new StartOutcome.Started(new PostingAccepted(postingId, PostingState.RECEIVED, "/api/postings/x"));
    }, 2, CLOCK);

    starts.run();
    assertThat(started).containsExactly("h-1", "h-2");
    assertThat(store.find("day-9").orElseThrow().status()).isEqualTo(BatchStatus.STARTING);
    starts.run();
    assertThat(started).containsExactly("h-1", "h-2", "h-3");
    assertThat(store.find("day-9").orElseThrow().status()).isEqualTo(BatchStatus.STARTED);
    assertThat(store.counts("day-9").starts()).containsEntry("STARTED", 2L).containsEntry("CONFLICT", 1L);
  }

  @Test
  void aStartThatFailsLeavesTheRowForTheNextLook() {
    intake.receive("day-10", "billing", BatchFormat.CSV, InvalidRows.REFUSE, csv(row("i-1", "4550", "R1")));
    new BatchStarts(store, seal, (body, owner) -> {
      throw new IllegalStateException("Temporal unavailable");
    }, 10, CLOCK).run();
    assertThat(store.counts("day-10").waitingToStart()).isEqualTo(1);
  }

  @Test
  void leftOutRowsAreKeptForTheResultsOneLinePerRowInFileOrderAndNeverStart() throws Exception {
    String card = "{\"kind\":\"CREDIT_CARD\",\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"cardType\":\"visa\","
        + "\"cardNumber\":\"4111111111111111\",\"securityCode\":\"123\",\"expirationDate\":\"10/49\","
        + "\"billingAddress\":{\"address1\":\"1 Main\",\"city\":\"Town\",\"postal\":\"12345\"}}";
    String file = jsonLine("k-1", STORED) + "\n" + jsonLine("k-2", card) + "\n{not json\n" + jsonLine("k-1", STORED)
        + "\n" + jsonLine("k-5", STORED) + "\n";
    intake.receive("day-11", "billing", BatchFormat.JSON_LINES, InvalidRows.LEAVE_OUT,
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    List<String> started = new ArrayList<>();
    new BatchStarts(store, seal, (body, owner) -> {
      String postingId = body.replaceAll(".*\"postingId\":\"([^\"]+)\".*", "$1");
      started.add(postingId);
      return new StartOutcome.Started(new PostingAccepted(postingId, PostingState.RECEIVED, "/api/postings/x"));
    }, 100, CLOCK).run();

    assertThat(started).containsExactly("k-1", "k-5");
    List<dev.postings.batch.BatchResult> results = new ArrayList<>();
    store.results("day-11", results::add);
    assertThat(results).extracting(dev.postings.batch.BatchResult::line).containsExactly(1, 2, 3, 4, 5);
    assertThat(results).extracting(dev.postings.batch.BatchResult::startOutcome)
        .containsExactly("STARTED", "INVALID", "INVALID", "INVALID", "STARTED");
    assertThat(results.get(1).postingId()).isEqualTo("k-2");
    assertThat(results.get(1).invalidFields()).contains("target.paymentMethod.kind");
    assertThat(results.get(2).invalidFields()).isNotEmpty();
    assertThat(results.get(3).invalidFields()).isEqualTo("postingId");
    assertThat(results.toString()).doesNotContain("4111111111111111");
  }

  @Test
  void aRefusedFileKeepsNoneOfItsInvalidRows() throws Exception {
    intake.receive("day-12", "billing", BatchFormat.CSV, InvalidRows.REFUSE, csv(row("l-1", "-5", "R1")));
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM batch_invalid_rows")) {
      row.next();
      assertThat(row.getInt(1)).isZero();
    }
  }

  @Test
  void theBatchsConnectionFillsRowsNamingNoneAndARowNamingAnotherIsInvalid() throws Exception {
    String header = "connectionId,postingId,provider,amount.minor,amount.currency,transactionDate,paymentType,"
        + "referenceNumber,description,target.operation,target.chargeId,target.bankAccountId";
    String tail = ",ACQUAINT,4550,GBP,2026-12-01T09:30:00Z,3,R,Keys,CHARGE,7002,7";
    String file = header + "\n," + "n-1" + tail + "\nacquaint-dev,n-2" + tail + "\nacquaint-other,n-3" + tail + "\n";

    BatchIntake.Intake.Stored stored = (BatchIntake.Intake.Stored) intake.receive("day-13", "billing",
        BatchFormat.CSV, InvalidRows.LEAVE_OUT, "acquaint-dev",
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

    assertThat(stored.batch().rowsValid()).isEqualTo(2);
    assertThat(stored.invalid()).singleElement().satisfies(row -> {
      assertThat(row.line()).isEqualTo(4);
      assertThat(row.errors()).extracting(FieldError::field).containsExactly("connectionId");
    });
    List<String> bodies = new ArrayList<>();
    new BatchStarts(store, seal, (body, owner) -> {
      bodies.add(body);
      return new StartOutcome.Started(new PostingAccepted("x", PostingState.RECEIVED, "/api/postings/x"));
    }, 100, CLOCK).run();
    assertThat(bodies).hasSize(2).allSatisfy(body ->
        assertThat(JSON.readTree(body).path("connectionId").asText()).isEqualTo("acquaint-dev"));
  }
}
