package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.postings.model.FieldError;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingValidator;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.api.StoredgeTargetReader;
import dev.postings.starter.contract.RequestContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document ({@code /v3/api-docs}) publishes the request contract the service checks: every request body
 * has its schema, the posting request one example per provider target, and the published schemas, read back as JSON
 * Schema, judge requests exactly as the service's own contract does (nothing lost on the way into the document).
 */
class ContractOpenApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static StarterOnly app;
  private static JsonNode document;

  @BeforeAll
  static void start() throws Exception {
    app = new StarterOnly(TestKeys.args());
    RawHttp.Answer docs = app.raw.send("GET", "/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    document = JSON.readTree(docs.body());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyRequestBodyHasItsSchema() {
    assertThat(document.path("openapi").asText()).startsWith("3.1");
    assertThat(document.at("/paths/~1api~1postings/post/requestBody/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/PostingRequest");
    for (Map.Entry<String, String> action : Map.of("resolve", "RecordIdentification", "approve",
        "RecordIdentification", "reject", "Reason", "cancel", "Reason", "reverse", "Reason", "retry", "Empty",
        "rejected-by-pmc", "OptionalReason", "cancel-waiting", "OptionalReason").entrySet()) {
      assertThat(document.at("/paths/~1api~1postings~1{postingId}~1" + action.getKey()
          + "/post/requestBody/content/application~1json/schema/$ref").asText()).as(action.getKey())
          .isEqualTo("#/components/schemas/" + action.getValue());
    }
    assertThat(document.at("/paths/~1api~1reversals~1{postingId}~1done/post/requestBody/content/application~1json"
        + "/schema/$ref").asText()).isEqualTo("#/components/schemas/ReversedByHand");
    assertThat(document.at("/paths/~1api~1codec~1decode/post/requestBody/content/application~1json/schema/$ref")
        .asText()).isEqualTo("#/components/schemas/CodecPayloads");
    // no request body left undescribed: each POST names a schema of the contract, but the re-drive (no body)
    List<String> withoutSchema = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> {
      JsonNode post = path.getValue().path("post");
      if (!post.isMissingNode()
          && !post.at("/requestBody/content/application~1json/schema/$ref").asText().startsWith("#/components/")) {
        withoutSchema.add(path.getKey());
      }
    });
    // the re-drive takes no body; a batch is a file (CSV or JSON Lines, docs/batches.md), each line a posting request
    assertThat(withoutSchema).containsExactlyInAnyOrder("/api/redrive", "/api/batches/{batchId}");
  }

  @Test
  void thePostingRequestHasAnExampleForEveryProviderTargetAndEachIsAccepted() {
    JsonNode examples = document.at("/paths/~1api~1postings/post/requestBody/content/application~1json/examples");
    assertThat(examples.size()).isEqualTo(6);
    List<String> targets = new ArrayList<>();
    RequestContract contract = app.starter.getBean(RequestContract.class);
    PostingLimits limits = PostingLimits.defaults();
    PostingRequestReader reader = new PostingRequestReader(JSON, limits, contract);
    examples.fields().forEachRemaining(example -> {
      JsonNode body = example.getValue().path("value");
      // the published example masks the card, as every page and answer of ours does; a caller puts a real one in
      String sent = body.toString().replace("\"411111******1111\"", "\"" + BadPostingRequests.CARD_NUMBER + "\"")
          .replace("\"securityCode\":\"***\"", "\"securityCode\":\"737\"");
      PostingRequestReader.Reading reading = reader.read(sent);
      assertThat(reading.errors()).as(example.getKey()).isEmpty();
      List<FieldError> rules = new PostingValidator(limits).validate(reading.request(), Instant.parse("2024-01-20T00:00:00Z"));
      assertThat(rules).as(example.getKey()).isEmpty();
      targets.add(body.path("provider").asText() + " " + body.at("/target/operation").asText()
          + body.at("/target/paymentMethod/kind").asText());
    });
    assertThat(targets).containsExactlyInAnyOrder("PROPERTYWARE ", "RESMAN ", "ACQUAINT RENT", "ACQUAINT CHARGE",
        "STOREDGE STORED", "STOREDGE CREDIT_CARD");
    // no card number in the served document: every run of 13 to 19 digits in it fails the Luhn check
    java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{13,19}(?![0-9])")
        .matcher(document.toString());
    while (digits.find()) {
      assertThat(StoredgeTargetReader.luhn(digits.group())).as("a card number in the published API document: " + digits.group()).isFalse();
    }
  }

  @Test
  void thePublishedSchemaJudgesRequestsAsTheServiceDoes() throws Exception {
    Schema published = publishedSchema("PostingRequest");
    RequestContract contract = app.starter.getBean(RequestContract.class);
    for (BadPostingRequests.Base base : BadPostingRequests.bases()) {
      assertThat(published.validate(base.body())).as(base.name()).isEmpty();
      for (String broken : List.of("/target", "/amount", "")) {
        ObjectNode body = base.body().deepCopy();
        ((ObjectNode) (broken.isEmpty() ? body : body.at(broken))).put("notInTheContract", 1);
        assertThat(published.validate(body)).as(base.name() + broken).isNotEmpty();
        assertThat(contract.checkPostingRequest(body)).as(base.name() + broken).isNotEmpty();
      }
      ObjectNode withoutTargetField = base.body().deepCopy();
      Iterator<String> names = withoutTargetField.path("target").fieldNames();
      String first = names.next();
      ((ObjectNode) withoutTargetField.get("target")).remove(first);
      assertThat(published.validate(withoutTargetField).isEmpty())
          .as(base.name() + " without target." + first)
          .isEqualTo(contract.checkPostingRequest(withoutTargetField).isEmpty());
    }
  }

  /** A component of the document as a JSON Schema of its own: the components become its $defs. */
  private static Schema publishedSchema(String component) throws Exception {
    ObjectNode schema = ((ObjectNode) document.at("/components/schemas/" + component)).deepCopy();
    ObjectNode definitions = ((ObjectNode) document.at("/components/schemas")).deepCopy();
    String text = schema.put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .set("$defs", definitions).toString().replace("#/components/schemas/", "#/$defs/");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
  }
}
