package dev.postings.starter.api;

import dev.postings.directory.ReversalQuery;
import dev.postings.model.FieldError;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of {@code GET /api/reversals}, checked as those of the postings list are
 * ({@link PostingListRequest}): every bad one a 400 naming it, never a 500.
 *
 * @param errors every parameter at fault; when not empty, {@code query} is null
 */
record ReversalListRequest(ReversalQuery query, List<FieldError> errors) {

  /** Parameters that take one value; {@code state} and {@code provider} repeat. */
  static final List<String> SINGLE_VALUED = List.of("limit", "cursor");

  /** @param parameters every query parameter as sent (a name may repeat) */
  static ReversalListRequest of(Map<String, String[]> parameters) {
    List<FieldError> errors = new ArrayList<>();
    PostingListRequest.atMostOnce(parameters, SINGLE_VALUED, errors);
    Set<ReversalState> states = EnumSet.noneOf(ReversalState.class);
    for (String state : PostingListRequest.split(parameters.get("state"))) {
      try {
        states.add(ReversalState.valueOf(state));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("state", "must be one of " + Arrays.toString(ReversalState.values())));
      }
    }
    Set<Provider> providers = EnumSet.noneOf(Provider.class);
    for (String provider : PostingListRequest.split(parameters.get("provider"))) {
      try {
        providers.add(Provider.valueOf(provider));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("provider", "must be one of " + Arrays.toString(Provider.values())));
      }
    }
    int limit = PostingListRequest.limit(PostingListRequest.first(parameters, "limit"), errors);
    String cursor = PostingListRequest.cursor(parameters, errors);
    if (!errors.isEmpty()) {
      return new ReversalListRequest(null, errors.stream().distinct().toList());
    }
    return new ReversalListRequest(new ReversalQuery(states, providers, limit, cursor), List.of());
  }
}
