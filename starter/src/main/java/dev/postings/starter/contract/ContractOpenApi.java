package dev.postings.starter.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Puts the request contract into the OpenAPI document (3.1, whose schemas are JSON Schema 2020-12): the posting
 * request and each action body as components, each operation's request body pointing at its schema, and one example
 * per provider target. The controllers take their bodies as bytes (to bound and decode them strictly), so without this
 * the document would show no request schema at all.
 */
public final class ContractOpenApi implements OpenApiCustomizer {

  static final String POSTING_REQUEST = "PostingRequest";
  static final String EXAMPLES = "contract/posting-request.examples.json";
  private static final String COMPONENTS = "#/components/schemas/";
  /** Temporal's own message (the codec endpoints): described for callers, parsed by Temporal's proto3 JSON parser. */
  static final String CODEC_PAYLOADS = "CodecPayloads";

  /** Operation path (as in the document) -> its body's schema. */
  private static final Map<String, ActionSchema> ACTIONS = Map.ofEntries(
      Map.entry("/api/postings/{postingId}/resolve", ActionSchema.RECORD_IDENTIFICATION),
      Map.entry("/api/postings/{postingId}/approve", ActionSchema.RECORD_IDENTIFICATION),
      Map.entry("/api/postings/{postingId}/reject", ActionSchema.REASON),
      Map.entry("/api/postings/{postingId}/cancel", ActionSchema.REASON),
      Map.entry("/api/postings/{postingId}/reverse", ActionSchema.REASON),
      Map.entry("/api/postings/{postingId}/retry", ActionSchema.EMPTY),
      Map.entry("/api/postings/{postingId}/rejected-by-pmc", ActionSchema.OPTIONAL_REASON),
      Map.entry("/api/postings/{postingId}/cancel-waiting", ActionSchema.OPTIONAL_REASON),
      Map.entry("/api/reversals/{postingId}/done", ActionSchema.REVERSED_BY_HAND),
      Map.entry("/api/connections", ActionSchema.NEW_CONNECTION),
      Map.entry("/api/connections/{connectionId}/rotate", ActionSchema.CREDENTIALS_ROTATION),
      Map.entry("/api/connections/{connectionId}/disable", ActionSchema.EMPTY),
      Map.entry("/api/connections/{connectionId}/check", ActionSchema.EMPTY),
      Map.entry("/api/reconciliations", ActionSchema.RECONCILIATION_START),
      Map.entry("/api/reconciliations/{reconciliationId}/resolve", ActionSchema.RECONCILIATION_RESOLUTION));

  private final RequestContract contract;
  private final ObjectMapper json;

  public ContractOpenApi(RequestContract contract, ObjectMapper json) {
    this.contract = contract;
    this.json = json;
  }

  @Override
  public void customise(OpenAPI openApi) {
    Map<String, JsonNode> components = new LinkedHashMap<>();
    ObjectNode postingRequest = contract.postingRequestSchema();
    lift(postingRequest, components);
    components.put(POSTING_REQUEST, postingRequest);
    lift(contract.actionBodiesSchema(), components);
    components.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schemaOf(schema)));

    MediaType posting = new MediaType().schema(new Schema<>().$ref(COMPONENTS + POSTING_REQUEST));
    examples().fields().forEachRemaining(example -> posting.addExamples(example.getKey(), new Example()
        .summary(example.getValue().path("summary").asText()).value(example.getValue().path("value"))));
    body(openApi, "/api/postings", posting, true);
    ACTIONS.forEach((path, action) -> body(openApi, path,
        new MediaType().schema(new Schema<>().$ref(COMPONENTS + action.definition())),
        !contract.actionBodiesSchema().at("/$defs/" + action.definition() + "/required").isEmpty()));
    for (String codec : List.of("/api/codec/encode", "/api/codec/decode")) {
      body(openApi, codec, new MediaType().schema(new Schema<>().$ref(COMPONENTS + CODEC_PAYLOADS)), true);
    }
  }

  /** The examples, one per provider target; each keeps the contract (ContractOpenApiTest). */
  public JsonNode examples() {
    try (InputStream in = ContractOpenApi.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLES + " is missing from the classpath");
      }
      return json.readTree(in);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static void body(OpenAPI openApi, String path, MediaType media, boolean required) {
    PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
    Operation post = item == null ? null : item.getPost();
    if (post == null) {
      throw new IllegalStateException("the contract describes POST " + path + ", which the API does not have");
    }
    post.setRequestBody(new RequestBody().required(required)
        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, media)));
  }

  /** Moves a document's {@code $defs} to components and points every {@code #/$defs/X} reference there. */
  private static void lift(ObjectNode document, Map<String, JsonNode> components) {
    document.remove("$schema");
    document.remove("$id");
    JsonNode definitions = document.remove("$defs");
    if (definitions != null) {
      definitions.fields().forEachRemaining(definition -> {
        if (components.containsKey(definition.getKey())) {
          throw new IllegalStateException("two contract schemas are named " + definition.getKey());
        }
        components.put(definition.getKey(), definition.getValue());
      });
    }
    components.values().forEach(ContractOpenApi::pointAtComponents);
    pointAtComponents(document);
  }

  private static void pointAtComponents(JsonNode node) {
    if (node instanceof ObjectNode object && object.path("$ref").asText().startsWith("#/$defs/")) {
      object.put("$ref", COMPONENTS + object.get("$ref").asText().substring("#/$defs/".length()));
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      pointAtComponents(children.next());
    }
  }

  private static Schema<?> schemaOf(JsonNode schema) {
    return Json31.mapper().convertValue(schema, Schema.class);
  }
}
