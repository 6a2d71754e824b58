package dev.postings.starter.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.postings.model.FieldError;
import dev.postings.model.PostingLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's request contract, written once as JSON Schema (draft 2020-12) in {@code contract/*.schema.json}: the
 * posting request (one schema per provider target) and every operator action's body. The same documents are checked
 * here, with networknt's validator, and published in the OpenAPI document ({@link ContractOpenApi}).
 *
 * <p>Errors keep the API's shape: a dotted field path ({@code target.paymentMethod.cardNumber}) and a sentence. The
 * sentence is ours, made from the schema, never the validator's: a validator message may quote the value, and a value
 * here may be a card number.
 *
 * <p>Lengths marked {@code x-limit} in the documents take their bound from {@link PostingLimits} (configuration), so
 * the published contract says what this service really accepts.
 */
public final class RequestContract {

  /** The bodies of the operator actions, by their definition in {@code action-bodies.schema.json}. */
  public enum ActionSchema {
    RECORD_IDENTIFICATION("RecordIdentification"),
    REASON("Reason"),
    OPTIONAL_REASON("OptionalReason"),
    EMPTY("Empty"),
    REVERSED_BY_HAND("ReversedByHand"),
    NEW_CONNECTION("NewConnection"),
    CREDENTIALS_ROTATION("CredentialsRotation"),
    RECONCILIATION_START("ReconciliationStart"),
    RECONCILIATION_RESOLUTION("ReconciliationResolution");

    private final String definition;

    ActionSchema(String definition) {
      this.definition = definition;
    }

    public String definition() {
      return definition;
    }
  }

  /**
   * At most this many errors are answered (then one saying there are more): a 64 KiB body can carry thousands of
   * unknown fields, and comparing each error with every other would cost seconds of CPU per request.
   */
  public static final int MAX_ERRORS = 100;

  static final String POSTING_REQUEST = "contract/posting-request.schema.json";
  static final String ACTION_BODIES = "contract/action-bodies.schema.json";

  private final ObjectNode postingRequestDocument;
  private final ObjectNode actionBodiesDocument;
  private final Schema postingRequest;
  private final Map<ActionSchema, Schema> actionBodies = new EnumMap<>(ActionSchema.class);

  public RequestContract(ObjectMapper json, PostingLimits limits) {
    this.postingRequestDocument = withLimits(read(json, POSTING_REQUEST), limits);
    this.actionBodiesDocument = withLimits(read(json, ACTION_BODIES), limits);
    Map<String, String> documents = new LinkedHashMap<>();
    documents.put(postingRequestDocument.path("$id").asText(), postingRequestDocument.toString());
    documents.put(actionBodiesDocument.path("$id").asText(), actionBodiesDocument.toString());
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemas(documents));
    this.postingRequest = registry.getSchema(SchemaLocation.of(postingRequestDocument.path("$id").asText()));
    for (ActionSchema body : ActionSchema.values()) {
      actionBodies.put(body, registry.getSchema(SchemaLocation.of(
          actionBodiesDocument.path("$id").asText() + "#/$defs/" + body.definition())));
    }
  }

  /** Every way {@code body} breaks the posting request's contract; empty when it keeps it. */
  public List<FieldError> checkPostingRequest(JsonNode body) {
    return fieldErrors(postingRequest.validate(body));
  }

  /** Every way {@code body} breaks the contract of an action's body; empty when it keeps it. */
  public List<FieldError> checkAction(ActionSchema which, JsonNode body) {
    return fieldErrors(actionBodies.get(which).validate(body));
  }

  /** The posting request's schema as published (limits applied). */
  public ObjectNode postingRequestSchema() {
    return postingRequestDocument.deepCopy();
  }

  /** The action bodies' schemas as published (one {@code $defs} entry per body). */
  public ObjectNode actionBodiesSchema() {
    return actionBodiesDocument.deepCopy();
  }

  /** One error per field (the first the validator reports), in the order found, at most {@link #MAX_ERRORS}. */
  private static List<FieldError> fieldErrors(List<Error> errors) {
    List<FieldError> fields = new ArrayList<>();
    for (Error error : errors) {
      String field = field(error);
      if (fields.stream().noneMatch(known -> related(known.field(), field))) {
        if (fields.size() == MAX_ERRORS) {
          fields.add(TOO_MANY);
          break;
        }
        fields.add(new FieldError(field, ContractMessages.of(error)));
      }
    }
    return fields;
  }

  /** The last error of a list cut at {@link #MAX_ERRORS}. */
  static final FieldError TOO_MANY = new FieldError("body", "has more errors than the " + MAX_ERRORS + " shown");

  /**
   * Whether two errors are about the same thing: one path is the other or inside it (an error on a field makes its
   * parts' errors noise), or a wrong provider and its target (a target is read by its provider).
   */
  public static boolean related(String a, String b) {
    return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".") || "body".equals(a) || "body".equals(b)
        || (a.equals("provider") && b.startsWith("target")) || (b.equals("provider") && a.startsWith("target"));
  }

  /**
   * {@code first}, then each of {@code more} that is about something {@code first} does not already name; at most
   * {@link #MAX_ERRORS}, then one saying there are more. Each error is compared with at most that many: linear in the
   * number of errors, however many a body carries.
   */
  public static List<FieldError> merge(List<FieldError> first, List<FieldError> more) {
    List<FieldError> merged = new ArrayList<>(first);
    if (merged.contains(TOO_MANY)) {
      return merged;
    }
    for (FieldError error : more) {
      if (merged.stream().noneMatch(known -> related(known.field(), error.field()))) {
        if (merged.size() >= MAX_ERRORS) {
          merged.add(TOO_MANY);
          break;
        }
        merged.add(error);
      }
    }
    return merged;
  }

  /** The dotted path of the field at fault; a missing or unknown property is named itself, not its parent. */
  static String field(Error error) {
    List<String> names = new ArrayList<>();
    NodePath location = error.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index && !names.isEmpty()) {
        names.set(names.size() - 1, names.get(names.size() - 1) + "[" + index + "]");
      } else {
        names.add(name(String.valueOf(element)));
      }
    }
    String keyword = error.getKeyword();
    String property = error.getProperty();
    if (property != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))
        && (names.isEmpty() || !names.get(names.size() - 1).equals(name(property)))) {
      names.add(name(property));
    }
    return names.isEmpty() ? "body" : String.join(".", names);
  }

  /** A field's name as errors show it: an empty name as {@code ""}, so that the error still names something. */
  private static String name(String name) {
    return name.isEmpty() ? "\"\"" : name;
  }

  private static ObjectNode read(ObjectMapper json, String resource) {
    try (InputStream in = RequestContract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the request contract " + resource + " is missing from the classpath");
      }
      return (ObjectNode) json.readTree(in);
    } catch (IOException unreadable) {
      throw new UncheckedIOException("the request contract " + resource + " cannot be read", unreadable);
    }
  }

  /**
   * Replaces each {@code "x-limit": "id" | "reference" | "description" | "amount"} by the configured bound
   * ({@code maxLength}, or {@code maximum} for the amount), so that schema and validator never disagree.
   */
  static ObjectNode withLimits(ObjectNode document, PostingLimits limits) {
    applyLimits(document, limits);
    return document;
  }

  private static void applyLimits(JsonNode node, PostingLimits limits) {
    if (node instanceof ObjectNode object && object.has("x-limit")) {
      String limit = object.remove("x-limit").asText();
      switch (limit) {
        case "id" -> object.put("maxLength", limits.maxIdLength());
        case "reference" -> object.put("maxLength", limits.maxReferenceLength());
        case "description" -> object.put("maxLength", limits.maxDescriptionLength());
        case "amount" -> object.put("maximum", limits.maxAmountMinor());
        default -> throw new IllegalStateException("unknown x-limit " + limit + " in the request contract");
      }
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      applyLimits(children.next(), limits);
    }
  }
}
