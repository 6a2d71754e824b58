package dev.postings.starter.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * @param request the request as stored: the row's, with the batch's connection filled in when the row names none
   */
  record Checked(String postingId, List<FieldError> errors, String request) {}

  /** Trees for filling in a row's connection; exact numbers, so that what the contract then reads is what was sent. */
  private static final ObjectMapper TREES = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private final PostingRequestReader reader;
  private final PostingPolicy policy;
  private final Clock clock;

  BatchRowCheck(PostingRequestReader reader, PostingPolicy policy, Clock clock) {
    this.reader = reader;
    this.policy = policy;
    this.clock = clock;
  }

  Checked check(String body) {
    return check(body, null);
  }

  /**
   * @param batchConnection the connection the batch was sent for ({@code connectionId} query parameter), or null: a
   *     row naming none is posted on it, a row naming another is invalid
   */
  Checked check(String body, String batchConnection) {
    String request = body;
    FieldError otherConnection = null;
    if (batchConnection != null) {
      JsonNode root = tree(body);
      if (root instanceof ObjectNode row) {
        JsonNode named = row.get("connectionId");
        if (named == null || named.isNull() || (named.isTextual() && named.asText().isEmpty())) {
          row.put("connectionId", batchConnection);
          request = row.toString();
        } else if (!named.isTextual() || !named.asText().equals(batchConnection)) {
          otherConnection = new FieldError("connectionId", "names another connection than the batch's (the"
              + " connectionId query parameter): leave it out, or send the row in that connection's batch");
        }
      }
    }
    PostingRequestReader.Reading reading = reader.read(request);
    List<FieldError> errors = new ArrayList<>(reading.errors());
    if (otherConnection != null) {
      errors.add(otherConnection);
    }
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
    return new Checked(reading.request() == null ? null : reading.request().postingId(), errors, request);
  }

  /** The row as a JSON tree, or null when it is not JSON (the reader then says why, in the API's words). */
  private static JsonNode tree(String body) {
    try {
      return TREES.readTree(body);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }
}
