package dev.postings.starter.registry;

import dev.postings.directory.NoticeCandidate;
import dev.postings.directory.PostingDirectory;
import dev.postings.directory.PostingPage;
import dev.postings.directory.PostingQuery;
import dev.postings.directory.PostingSummary;
import dev.postings.directory.WaitingPosting;
import dev.postings.model.Money;
import dev.postings.model.Provider;
import dev.postings.registry.PostingRecord;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistryPage;
import dev.postings.registry.RegistryQuery;
import dev.postings.workflow.Attention;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.List;
import java.util.Set;

/**
 * Operator lists, filters, counts and pages from the registry (docs/decisions/0022-postgresql-registry.md): keyset pages
 * with the registry's opaque cursor, the same cost on the embedded server and a cluster; no per-posting Temporal
 * listing. What the workflows around the API look up (a webhook's candidates, the re-drive's and the gauge's waiting
 * postings) still comes from Temporal's search attributes, through {@code temporal}.
 *
 * <p>A row whose workflow the local Temporal server forgot shows the registry's sentence as its last error.
 */
public class RegistryPostingDirectory implements PostingDirectory {

  private final PostingRegistry registry;
  private final PostingDirectory temporal;
  private final Clock clock;
  private final Function<String, Optional<PostingStatus>> statusOf;

  /**
   * @param statusOf the posting's status (the workflow's query): asked only for the rows of a page that wait for a
   *     person, for the sentence saying why (the registry keeps the code, not the provider's words)
   */
  public RegistryPostingDirectory(PostingRegistry registry, PostingDirectory temporal, Clock clock,
      Function<String, Optional<PostingStatus>> statusOf) {
    this.registry = registry;
    this.temporal = temporal;
    this.clock = clock;
    this.statusOf = statusOf;
  }

  @Override
  public PostingPage list(PostingQuery query) {
    RegistryQuery registryQuery = RegistryQuery.builder()
        .states(query.states())
        .providers(query.providers())
        .startedBefore(query.olderThan() == null ? null : clock.instant().minus(query.olderThan()))
        .reference(query.reference())
        .owner(query.owner())
        .connectionId(query.narrowing().connectionId())
        .amountMinor(query.narrowing().amountMinor())
        .transactionDates(query.narrowing().transactionDateFrom(), query.narrowing().transactionDateTo())
        .limit(Math.min(query.limit(), RegistryQuery.MAX_LIMIT))
        .cursor(query.cursor())
        .build();
    RegistryPage page;
    try {
      page = registry.list(registryQuery);
    } catch (dev.postings.registry.InvalidCursor invalid) {
      // (qualified: PostingDirectory's own InvalidCursor, inherited here, would shadow an import)
      throw new PostingDirectory.InvalidCursor("not a cursor of this list");
    }
    return new PostingPage(page.postings().stream().map(this::summary).toList(),
        registry.counts(registryQuery), page.nextCursor());
  }

  private PostingSummary summary(PostingRecord row) {
    return new PostingSummary(row.postingId(), row.provider(), row.state(), row.step(), row.reference(),
        new Money(row.amountMinor(), row.currency()), row.startedAt(), row.stateSince(), lastError(row),
        row.attentionCode() == null ? null : Attention.of(row.attentionCode()));
  }

  /** The registry's own sentence for a row without a workflow; for a wait for a person, the workflow's words. */
  private String lastError(PostingRecord row) {
    if (row.workflowLostReason() != null || row.attentionCode() == null) {
      return row.workflowLostReason();
    }
    try {
      return statusOf.apply(row.postingId()).map(PostingStatus::lastError).orElse(null);
    } catch (RuntimeException unanswered) {
      return null; // no worker answers just now: the code and its runbook page still say what to do
    }
  }

  @Override
  public List<NoticeCandidate> noticeCandidates(PostingState state, Set<Provider> providers) {
    return temporal.noticeCandidates(state, providers);
  }

  @Override
  public List<String> find(PostingState state, Provider provider) {
    return temporal.find(state, provider);
  }

  @Override
  public List<WaitingPosting> waiting(Set<PostingState> states) {
    return temporal.waiting(states);
  }

  @Override
  public java.util.Optional<java.time.Instant> enteredStateAt(String workflowId) {
    return temporal.enteredStateAt(workflowId);
  }
}
