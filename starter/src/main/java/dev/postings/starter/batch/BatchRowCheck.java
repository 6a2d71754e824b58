package dev.postings.starter.batch;

import dev.postings.model.FieldError;
import dev.postings.model.PostingValidator;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.contract.RequestContract;
import dev.postings.workflow.PostingPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch row checked exactly as {@code POST /api/postings} checks a request (the same contract, the same rules), plus
 * what a batch does not take: card or bank account numbers (a file at rest must not carry them; they reach the card
 * vault through the single-posting route only) and a completion callback (a batch's outcomes are read from its results).
 */
final class BatchRowCheck {

  record Checked(String postingId, List<FieldError> errors) {}

  private final PostingRequestReader reader;
  private final PostingPolicy policy;
  private final Clock clock;

  BatchRowCheck(PostingRequestReader reader, PostingPolicy policy, Clock clock) {
    this.reader = reader;
    this.policy = policy;
    this.clock = clock;
  }

  Checked check(String body) {
    PostingRequestReader.Reading reading = reader.read(body);
    List<FieldError> errors = new ArrayList<>(reading.errors());
    if (reading.request() != null) {
      errors = new ArrayList<>(RequestContract.merge(errors,
          new PostingValidator(policy.limits()).validate(reading.request(), clock.instant())));
    }
    if (reading.secrets() != null) {
      errors.add(new FieldError("target.paymentMethod.kind", "a batch takes stored payment methods, checks and cash:"
          + " a new card or bank account goes through POST /api/postings, which hands its numbers to the card vault"));
    }
    if (reading.callbackUrl() != null) {
      errors.add(new FieldError("callbackUrl", "is not taken in a batch: GET /api/batches/{batchId}/results gives"
          + " every row's outcome"));
    }
    return new Checked(reading.request() == null ? null : reading.request().postingId(), errors);
  }
}
