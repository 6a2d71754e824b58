package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryListTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Provider[] PROVIDERS = Provider.values();
  private static final PostingState[] STATES = {PostingState.CONFIRMED, PostingState.PARKED,
      PostingState.NEEDS_ATTENTION, PostingState.AWAITING_APPROVAL, PostingState.RECEIVED};

  private PostingRegistry registry;
  /** What was registered, with the state each was given. */
  private final List<Seeded> seeded = new ArrayList<>();

  private record Seeded(NewPosting posting, PostingState state) {}

  @BeforeEach
  void fortyPostings() {
    registry = TestRegistry.empty();
    TestRegistry.connection("acme", "ACQUAINT");
    TestRegistry.connection("globex", "ACQUAINT");
    for (int i = 0; i < 40; i++) {
      Provider provider = PROVIDERS[i % PROVIDERS.length];
      String connection = provider == Provider.ACQUAINT ? (i % 8 == 2 ? "acme" : "globex") : null;
      // two postings share each start time: the posting id breaks the tie in the keyset
      NewPosting posting = new NewPosting(String.format("p-%02d", i), i % 3 == 0 ? "lettings" : "billing", "fp",
          provider, connection, 1_000 + (i % 5) * 250, provider.currency(), "REF-" + (i % 10),
          LocalDate.of(2026, 11, 1 + i % 20), T0.plusSeconds(60L * (i / 2)));
      registry.register(posting);
      PostingState state = STATES[i % STATES.length];
      if (state != PostingState.RECEIVED) {
        registry.recordState(new StateUpdate(posting.postingId(), state, PostingStep.CONFIRM, null, null,
            posting.startedAt().plusSeconds(1)));
      }
      seeded.add(new Seeded(posting, state));
    }
  }

  /** Every page of the list, followed by its cursors. */
  private List<String> allPages(RegistryQuery query) {
    List<String> ids = new ArrayList<>();
    RegistryPage page = registry.list(query);
    int pages = 1;
    while (true) {
      assertThat(page.postings().size()).isLessThanOrEqualTo(query.limit());
      page.postings().forEach(row -> ids.add(row.postingId()));
      if (page.nextCursor() == null) {
        break;
      }
      page = registry.list(query.after(page.nextCursor()));
      assertThat(++pages).isLessThan(100);
    }
    return ids;
  }

  private List<String> expected(Predicate<Seeded> filter) {
    return seeded.stream().filter(filter)
        .sorted(Comparator.comparing((Seeded s) -> s.posting().startedAt())
            .thenComparing(s -> s.posting().postingId()).reversed())
        .map(s -> s.posting().postingId())
        .toList();
  }

  @Test
  void everyFilterPagesThroughExactlyItsPostingsNewestFirst() {
    Instant cutoff = T0.plusSeconds(60 * 7);
    Map<RegistryQuery.Builder, Predicate<Seeded>> cases = Map.of(
        RegistryQuery.builder(), s -> true,
        RegistryQuery.builder().states(PostingState.PARKED, PostingState.NEEDS_ATTENTION),
        s -> s.state() == PostingState.PARKED || s.state() == PostingState.NEEDS_ATTENTION,
        RegistryQuery.builder().states(PostingState.CONFIRMED).providers(Provider.ACQUAINT),
        s -> s.state() == PostingState.CONFIRMED && s.posting().provider() == Provider.ACQUAINT,
        RegistryQuery.builder().connectionId("acme"), s -> "acme".equals(s.posting().connectionId()),
        RegistryQuery.builder().startedBefore(cutoff), s -> s.posting().startedAt().isBefore(cutoff),
        RegistryQuery.builder().reference("REF-3"), s -> s.posting().reference().equals("REF-3"),
        RegistryQuery.builder().amountMinor(1_500L), s -> s.posting().amountMinor() == 1_500,
        RegistryQuery.builder().transactionDates(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 5)),
        s -> !s.posting().transactionDate().isBefore(LocalDate.of(2026, 11, 3))
            && !s.posting().transactionDate().isAfter(LocalDate.of(2026, 11, 5)),
        RegistryQuery.builder().owner("lettings").providers(Provider.STOREDGE, Provider.RESMAN),
        s -> s.posting().owner().equals("lettings")
            && (s.posting().provider() == Provider.STOREDGE || s.posting().provider() == Provider.RESMAN));

    cases.forEach((builder, filter) -> {
      RegistryQuery query = builder.limit(3).build();
      List<String> expected = expected(filter);
      assertThat(expected).as(query.toString()).isNotEmpty();
      assertThat(allPages(query)).as(query.toString()).containsExactlyElementsOf(expected);
    });
  }

  @Test
  void rowsShowTheirOpenedReferenceAndState() {
    PostingRecord row = registry.list(RegistryQuery.builder().reference("REF-7").limit(1).build()).postings().get(0);
    assertThat(row.reference()).isEqualTo("REF-7");
    assertThat(row.postingId()).isEqualTo("p-37");
    assertThat(row.state()).isEqualTo(PostingState.NEEDS_ATTENTION);
  }

  @Test
  void countsCountEveryStateUnderTheOtherFilters() {
    RegistryQuery query = RegistryQuery.builder().states(PostingState.PARKED).providers(Provider.ACQUAINT).build();
    Map<PostingState, Long> expected = new EnumMap<>(PostingState.class);
    for (PostingState state : PostingState.values()) {
      expected.put(state, seeded.stream()
          .filter(s -> s.posting().provider() == Provider.ACQUAINT && s.state() == state).count());
    }

    Map<PostingState, Long> counts = registry.counts(query);

    assertThat(counts).isEqualTo(expected);
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
  }

  @Test
  void aCursorThatWasAlteredOrComesFromAnotherListIsRefused() {
    RegistryQuery parked = RegistryQuery.builder().states(PostingState.PARKED).limit(2).build();
    String cursor = registry.list(parked).nextCursor();
    assertThat(cursor).isNotNull();
    char last = cursor.charAt(cursor.length() - 1);
    String altered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
    RegistryQuery otherList = RegistryQuery.builder().states(PostingState.CONFIRMED).limit(2).build();
    RegistryQuery otherService = RegistryQuery.builder().states(PostingState.PARKED).owner("billing").limit(2).build();

    assertThatThrownBy(() -> registry.list(parked.after(altered))).isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> registry.list(otherList.after(cursor))).isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> registry.list(otherService.after(cursor))).isInstanceOf(InvalidCursor.class);
    assertThatThrownBy(() -> registry.list(parked.after("not a cursor!"))).isInstanceOf(InvalidCursor.class)
        .hasMessageNotContaining("not a cursor");
    assertThatThrownBy(() -> registry.list(parked.after("AAAA"))).isInstanceOf(InvalidCursor.class);
    // the same list with another page size still takes it
    assertThat(registry.list(RegistryQuery.builder().states(PostingState.PARKED).limit(5).build().after(cursor))
        .postings()).isNotEmpty();
  }

  @Test
  void openRowsWithoutAWorkflowAreMarkedOnceAndTheNextStateClearsTheMark() {
    List<String> open = new ArrayList<>();
    String after = null;
    while (true) {
      List<PostingRecord> page = registry.openPostings(after, 7);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(row -> open.add(row.postingId()));
      after = page.get(page.size() - 1).postingId();
    }
    List<String> expectedOpen = seeded.stream().filter(s -> !s.state().isTerminal())
        .map(s -> s.posting().postingId()).sorted().toList();
    assertThat(open).containsExactlyElementsOf(expectedOpen);

    Instant restart = T0.plusSeconds(86_400);
    // a finished posting in the list is left alone
    List<String> toMark = new ArrayList<>(open);
    toMark.add("p-00");
    assertThat(registry.markOutcomeUnknown(toMark, PostingRegistry.LOCAL_TEMPORAL_RESTARTED, restart))
        .isEqualTo(open.size());
    assertThat(registry.markOutcomeUnknown(open, "again", restart.plusSeconds(1))).isZero();
    assertThat(registry.openPostings(null, 200)).isEmpty();

    PostingRecord marked = registry.find(open.get(0)).orElseThrow();
    assertThat(marked.workflowLostReason()).isEqualTo(PostingRegistry.LOCAL_TEMPORAL_RESTARTED);
    assertThat(marked.workflowLostAt()).isEqualTo(restart);
    assertThat(marked.state()).isNotEqualTo(PostingState.CONFIRMED);
    assertThat(registry.find("p-00").orElseThrow().workflowLostAt()).isNull();

    registry.recordState(new StateUpdate(open.get(0), PostingState.SUBMITTING, PostingStep.SUBMIT, null, null,
        restart.plusSeconds(5)));
    assertThat(registry.find(open.get(0)).orElseThrow().workflowLostReason()).isNull();
  }
}
