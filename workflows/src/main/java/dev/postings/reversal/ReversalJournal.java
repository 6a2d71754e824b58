package dev.postings.reversal;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingSearchAttributes;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reversal's state and timeline. It mirrors its state to the
 * {@code ReversalState} search attribute, with its provider on the first upsert (one history event per change of
 * state; a reversal started by the starter already carries both).
 */
final class ReversalJournal {

  private final Provider provider;
  private final List<String> timeline = new ArrayList<>();
  private ReversalState state = ReversalState.REVERSING;
  private ReversalState published;
  private boolean providerPublished;

  ReversalJournal(Provider provider) {
    this.provider = provider;
    SearchAttributes startedWith = Workflow.getTypedSearchAttributes();
    String state = startedWith.get(ReversalSearchAttributes.REVERSAL_STATE);
    for (ReversalState known : ReversalState.values()) {
      if (known.name().equals(state)) {
        published = known;
      }
    }
    providerPublished = startedWith.get(PostingSearchAttributes.POSTING_PROVIDER) != null;
  }

  void moveTo(ReversalState next, String detail) {
    state = next;
    note(detail);
    if (next == published) {
      return;
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(ReversalSearchAttributes.REVERSAL_STATE.valueSet(next.name()));
    if (!providerPublished && provider != null) {
      updates.add(PostingSearchAttributes.POSTING_PROVIDER.valueSet(provider.name()));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    published = next;
    providerPublished = true;
  }

  void note(String detail) {
    timeline.add(Instant.ofEpochMilli(Workflow.currentTimeMillis()) + " " + detail);
  }

  ReversalState state() {
    return state;
  }

  List<String> timeline() {
    return List.copyOf(timeline);
  }
}
