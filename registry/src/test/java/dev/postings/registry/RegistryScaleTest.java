package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The registry at 100,000 postings on the embedded server. PRINTS each list's latency (p50 and p99 of a first page
 * and of a deep keyset page) and never asserts a time, which would depend on the machine; it asserts what makes the
 * time: the plan of each list names the index meant for its filter, for the first page and for a deep one alike.
 */
class RegistryScaleTest {

  private static final int POSTINGS = 100_000;
  private static final int RUNS = 200;
  private static final int WARM_UP = 30;
  private static final Pattern INDEX_SCAN = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)");
  private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
  private static PostingRegistry registry;

  @BeforeAll
  static void load() throws Exception {
    registry = TestRegistry.empty();
    for (int c = 0; c < 10; c++) {
      TestRegistry.connection("c-" + c, "ACQUAINT");
    }
    long start = System.nanoTime();
    ReferenceProtection protection = ReferenceProtection.of(TestRegistry.settings());
    Random random = new Random(4);
    HexFormat hex = HexFormat.of();
    try (Connection connection = TestRegistry.database().dataSource().getConnection()) {
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder csv = new StringBuilder();
      for (int i = 0; i < POSTINGS; i++) {
        String id = String.format("p-%06d", i);
        Provider provider = Provider.values()[random.nextInt(4)];
        PostingState state = state(random.nextInt(100));
        // rents in steps of 5.00: a few hundred postings share each amount
        long amount = 50_000 + 500L * random.nextInt(300);
        String reference = "INV-" + (i % 50_000);
        ReferenceProtection.Sealed sealed = protection.seal(id, reference);
        Instant started = T0.plus(30L * i, ChronoUnit.SECONDS);
        Instant at = started.plusSeconds(40);
        csv.append(id).append(',').append(i % 3 == 0 ? "lettings" : "billing").append(",fp,")
            .append(provider).append(",c-").append(i % 10).append(',').append(amount).append(',')
            .append(provider.currency()).append(",\\x").append(hex.formatHex(protection.hash(reference)))
            .append(",\\x").append(hex.formatHex(sealed.bytes())).append(',').append(sealed.keyId()).append(',')
            .append(LocalDate.ofInstant(started, java.time.ZoneOffset.UTC)).append(',').append(state).append(',')
            .append(state.isTerminal() ? PostingStep.DONE : PostingStep.CONFIRM).append(',')
            .append(state == PostingState.CONFIRMED ? "rec-" + i : "").append(',')
            .append(started).append(',').append(at).append(',').append(at).append(',')
            .append(state.isTerminal() ? at.toString() : "").append('\n');
        if ((i + 1) % 10_000 == 0) {
          copy.copyIn("COPY postings (posting_id, owner, fingerprint, provider, connection_id, amount_minor, currency,"
              + " reference_hash, reference_sealed, reference_key_id, transaction_date, state, step, record_id,"
              + " started_at, state_since, updated_at, finished_at) FROM STDIN WITH (FORMAT csv)",
              new StringReader(csv.toString()));
          csv.setLength(0);
        }
      }
    }
    TestRegistry.execute("VACUUM ANALYZE postings");
    System.out.printf("registry: %d postings loaded (COPY, hashed and sealed, analyzed) in %d ms%n", POSTINGS,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static PostingState state(int percentile) {
    if (percentile < 86) {
      return PostingState.CONFIRMED;
    } else if (percentile < 90) {
      return PostingState.REJECTED;
    } else if (percentile < 93) {
      return PostingState.PARKED;
    } else if (percentile < 95) {
      return PostingState.NEEDS_ATTENTION;
    } else if (percentile < 97) {
      return PostingState.AWAITING_APPROVAL;
    } else if (percentile < 98) {
      return PostingState.AWAITING_JOB;
    }
    return PostingState.CANCELLED;
  }

  @Test
  void stateAndProviderFilter() {
    measure("state+provider (parked, one provider)", Set.of("postings_state_provider"),
        RegistryQuery.builder().states(PostingState.PARKED).providers(Provider.ACQUAINT).limit(50).build());
  }

  /**
   * A filter a fifth of all rows pass: PostgreSQL may read the plain keyset index and skip the rows that do not pass
   * (about four per row shown), which it prices below the filter's own index whose rows lie scattered in the table.
   * Either plan reads only the page's neighbourhood, never the table, never a sort.
   */
  @Test
  void denseStateAndProviderFilter() {
    measure("state+provider (confirmed, one provider)", Set.of("postings_state_provider", "postings_started"),
        RegistryQuery.builder().states(PostingState.CONFIRMED).providers(Provider.ACQUAINT).limit(50).build());
  }

  @Test
  void parkedAcrossProvidersFilter() {
    measure("state (parked, any provider)", Set.of("postings_state"),
        RegistryQuery.builder().states(PostingState.PARKED).limit(50).build());
  }

  @Test
  void referenceSearch() {
    measure("exact reference", Set.of("postings_reference"),
        RegistryQuery.builder().reference("INV-31337").limit(1).build());
  }

  @Test
  void amountFilter() {
    measure("amount", Set.of("postings_amount"), RegistryQuery.builder().amountMinor(125_000L).limit(50).build());
  }

  @Test
  void countsByState() {
    RegistryQuery query = RegistryQuery.builder().providers(Provider.STOREDGE).build();
    assertThat(registry.counts(query).values().stream().mapToLong(Long::longValue).sum()).isPositive();
    print("counts by state (one provider)", () -> registry.counts(query));
    RegistryQuery everything = RegistryQuery.builder().build();
    assertThat(registry.counts(everything).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(POSTINGS);
    print("counts by state (no filter)", () -> registry.counts(everything));
  }

  /** First page and a page half way through the list: both timed, both planned on the filter's index. */
  private static void measure(String name, Set<String> indexes, RegistryQuery first) {
    long total = registry.counts(first).entrySet().stream()
        .filter(e -> first.states().isEmpty() || first.states().contains(e.getKey()))
        .mapToLong(e -> e.getValue()).sum();
    RegistryQuery deep = deepPage(first, total / 2);

    for (RegistryQuery query : new RegistryQuery[] {first, deep}) {
      String plan = registry.explain(query);
      Matcher scan = INDEX_SCAN.matcher(plan);
      assertThat(scan.find()).as(name + " reads an index:\n" + plan).isTrue();
      assertThat(scan.group(1)).as(name + " plan:\n" + plan).isIn(indexes);
      assertThat(plan).as(name + " plan:\n" + plan).doesNotContain("Seq Scan");
      assertThat(registry.list(query).postings()).as(name).isNotEmpty();
    }
    print(name + ", first page", () -> registry.list(first));
    print(name + ", page at row " + (total / 2) + " of " + total, () -> registry.list(deep));
  }

  /** The same list from about {@code depth} rows in, reached by following cursors as a client would. */
  private static RegistryQuery deepPage(RegistryQuery first, long depth) {
    int step = (int) Math.max(1, Math.min(RegistryQuery.MAX_LIMIT, depth));
    RegistryQuery walking = new RegistryQuery(first.states(), first.providers(), first.connectionId(),
        first.startedBefore(), first.reference(), first.amountMinor(), first.transactionDateFrom(),
        first.transactionDateTo(), first.owner(), step, null);
    long seen = 0;
    String cursor = null;
    while (seen < depth) {
      RegistryPage page = registry.list(walking.after(cursor));
      seen += page.postings().size();
      cursor = page.nextCursor();
      assertThat(cursor).isNotNull();
    }
    return first.after(cursor);
  }

  private static void print(String name, Supplier<?> call) {
    for (int i = 0; i < WARM_UP; i++) {
      call.get();
    }
    long[] nanos = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      call.get();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("registry: %d postings, %s: p50 %.2f ms, p99 %.2f ms%n", POSTINGS, name,
        nanos[RUNS / 2] / 1e6, nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6);
  }
}
