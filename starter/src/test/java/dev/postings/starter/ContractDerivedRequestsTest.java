package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.model.FieldError;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingValidator;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Invalid requests derived from the published contract itself: the test walks the JSON Schema beside each valid
 * request (every provider target, every Acquaint operation, every storEDGE payment method) and, for every property the
 * schema declares there, breaks one rule the schema states: a required field removed, a JSON type it does not allow, a
 * value outside its enum or const, a string its pattern refuses, one character over its length, a number past its
 * bound, a field an object does not declare. Each must be refused by the service, naming that field, without repeating
 * a cardholder value. So the contract and the service cannot drift apart unseen: a rule added to the schema is tested
 * by this walk the moment it is written.
 */
class ContractDerivedRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final PostingLimits LIMITS = PostingLimits.defaults();
  private static final Instant NOW = Instant.parse("2024-01-20T12:00:00Z");
  private static final List<String> SECRETS = List.of(BadPostingRequests.CARD_NUMBER,
      BadPostingRequests.SECURITY_CODE, BadPostingRequests.ACCOUNT_NUMBER);

  private final RequestContract contract = new RequestContract(JSON, LIMITS);
  private final PostingRequestReader reader = new PostingRequestReader(JSON, LIMITS, contract);

  /** One broken rule: the body to send and the field the answer must name. */
  record Case(String base, String rule, JsonNode body, String field) {}

  @Test
  void everyValidExampleKeepsTheContractAndIsAccepted() {
    for (BadPostingRequests.Base base : BadPostingRequests.bases()) {
      assertThat(contract.checkPostingRequest(base.body())).as(base.name()).isEmpty();
      assertThat(answer(base.body())).as(base.name()).isEmpty();
    }
  }

  @Test
  void everyRuleOfThePostingRequestSchemaIsEnforcedNamingTheField() {
    ObjectNode schema = contract.postingRequestSchema();
    List<Case> cases = new ArrayList<>();
    for (BadPostingRequests.Base base : BadPostingRequests.bases()) {
      derive(schema, base.name(), base.body(), schema, base.body(), "", cases);
    }
    System.out.println("contract: " + cases.size() + " invalid posting requests derived from the schema");
    assertThat(cases).hasSizeGreaterThan(400);
    for (Case broken : cases) {
      List<FieldError> errors = answer(broken.body());
      assertThat(errors).as("%s: %s", broken.base(), broken.rule())
          .anyMatch(error -> error.field().equals(broken.field()));
      assertThat(errors.toString()).as("%s: %s", broken.base(), broken.rule()).doesNotContain(SECRETS);
    }
  }

  @Test
  void everyRuleOfAnActionBodyIsEnforcedNamingTheField() throws Exception {
    ObjectNode schema = contract.actionBodiesSchema();
    int derived = 0;
    for (ActionSchema action : ActionSchema.values()) {
      if (action == ActionSchema.NEW_CONNECTION || action == ActionSchema.CREDENTIALS_ROTATION) {
        // the connection bodies are not a string per required field; their rules: ConnectionsEndToEndTest
        continue;
      }
      if (action == ActionSchema.RECONCILIATION_START) {
        // its strings have patterns (a connection id, a day) that "x" does not keep; its rules:
        // ReconciliationApiEndToEndTest
        continue;
      }
      ObjectNode definition = (ObjectNode) schema.path("$defs").path(action.definition());
      ObjectNode valid = NODES.objectNode();
      definition.path("required").forEach(name -> valid.put(name.asText(), "x"));
      assertThat(contract.checkAction(action, valid)).as(action.name()).isEmpty();
      List<Case> cases = new ArrayList<>();
      derive(schema, action.name(), valid, definition, valid, "", cases);
      for (Case broken : cases) {
        assertThat(contract.checkAction(action, broken.body())).as("%s: %s", action, broken.rule())
            .anyMatch(error -> error.field().equals(broken.field()));
      }
      derived += cases.size();
    }
    System.out.println("contract: " + derived + " invalid action bodies derived from the schema");
    assertThat(derived).isGreaterThan(20);
  }

  @Test
  void everyObjectOfTheContractRefusesFieldsItDoesNotDeclare() {
    List<String> open = new ArrayList<>();
    closedObjects(contract.postingRequestSchema(), contract.postingRequestSchema(), "#", open);
    closedObjects(contract.actionBodiesSchema(), contract.actionBodiesSchema(), "#", open);
    assertThat(open).as("object schemas that would let an unknown field through").isEmpty();
  }

  /** What the service answers for a body: the reader's errors (the contract first), then the validator's. */
  private List<FieldError> answer(JsonNode body) {
    PostingRequestReader.Reading reading = reader.read(body.toString());
    List<FieldError> errors = new ArrayList<>(reading.errors());
    if (reading.request() != null) {
      errors = RequestContract.merge(errors, new PostingValidator(LIMITS).validate(reading.request(), NOW));
    }
    return errors;
  }

  // ------------------------------------------------------------------------------------------------ the walk

  /**
   * Breaks each rule the schema states for the object {@code instance} at {@code path} of {@code root}, then walks into
   * its object-valued fields.
   */
  private void derive(ObjectNode document, String base, JsonNode root, JsonNode schema, JsonNode instance,
      String path, List<Case> cases) {
    List<JsonNode> applicable = applicable(document, schema, instance);
    Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    boolean closed = false;
    for (JsonNode node : applicable) {
      node.path("properties").fields().forEachRemaining(property ->
          properties.computeIfAbsent(property.getKey(), name -> new ArrayList<>()).add(property.getValue()));
      node.path("required").forEach(name -> required.add(name.asText()));
      closed |= node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean();
    }
    if (closed) {
      cases.add(mutated(base, root, path, "unexpectedField", NODES.textNode("x"), "an undeclared field"));
    }
    for (Map.Entry<String, List<JsonNode>> property : properties.entrySet()) {
      String name = property.getKey();
      List<JsonNode> rules = new ArrayList<>();
      property.getValue().forEach(rule -> rules.addAll(applicable(document, rule, instance.get(name))));
      if (required.contains(name)) {
        cases.add(mutated(base, root, path, name, null, "required " + name + " removed"));
      }
      for (Map.Entry<String, JsonNode> wrong : wrongTypes(rules).entrySet()) {
        cases.add(mutated(base, root, path, name, wrong.getValue(), name + " as " + wrong.getKey()));
      }
      for (JsonNode rule : rules) {
        if (rule.has("enum") || rule.has("const")) {
          cases.add(mutated(base, root, path, name, NODES.textNode("NOT-AN-ALLOWED-VALUE"), name + " not allowed"));
        }
        if (rule.has("pattern")) {
          Pattern pattern = Pattern.compile(rule.get("pattern").asText());
          for (String candidate : List.of("", "x", "0", "!", "1 2", "00/00")) {
            if (!pattern.matcher(candidate).find()) {
              cases.add(mutated(base, root, path, name, NODES.textNode(candidate), name + " off its pattern"));
              break;
            }
          }
        }
        if (rule.has("maxLength")) {
          cases.add(mutated(base, root, path, name, NODES.textNode("7".repeat(rule.get("maxLength").asInt() + 1)),
              name + " one character too long"));
        }
        if (rule.has("minLength") && rule.get("minLength").asInt() > 0) {
          cases.add(mutated(base, root, path, name, NODES.textNode(""), name + " empty"));
        }
        if (rule.has("minimum")) {
          cases.add(mutated(base, root, path, name, NODES.numberNode(rule.get("minimum").asLong() - 1),
              name + " under its minimum"));
        }
        if (rule.has("maximum")) {
          cases.add(mutated(base, root, path, name, NODES.numberNode(rule.get("maximum").asLong() + 1),
              name + " over its maximum"));
        }
      }
      JsonNode value = instance.get(name);
      if (value != null && value.isObject()) {
        for (JsonNode rule : property.getValue()) {
          derive(document, base, root, rule, value, join(path, name), cases);
        }
      }
    }
  }

  /** The schemas that apply to {@code instance}: the node itself, its $ref, its allOf, and each then whose if holds. */
  private static List<JsonNode> applicable(ObjectNode document, JsonNode schema, JsonNode instance) {
    List<JsonNode> found = new ArrayList<>();
    JsonNode node = schema;
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).as("only local references").startsWith("#/");
      node = document.at(ref.substring(1));
    }
    found.add(node);
    for (JsonNode part : node.path("allOf")) {
      if (part.has("if")) {
        if (holds(part.get("if"), instance)) {
          found.addAll(applicable(document, part.get("then"), instance));
        }
      } else {
        found.addAll(applicable(document, part, instance));
      }
    }
    return found;
  }

  /** The contract's conditions all read one discriminator: {"properties": {"x": {"const": v}}, "required": ["x"]}. */
  private static boolean holds(JsonNode condition, JsonNode instance) {
    assertThat(condition.path("properties").size()).as("a condition on one discriminator").isEqualTo(1);
    Map.Entry<String, JsonNode> discriminator = condition.path("properties").fields().next();
    assertThat(discriminator.getValue().has("const")).as("a discriminator's const").isTrue();
    return instance != null && instance.isObject()
        && discriminator.getValue().get("const").equals(instance.get(discriminator.getKey()));
  }

  /** A value of each JSON type that every rule of the property refuses. */
  private static Map<String, JsonNode> wrongTypes(List<JsonNode> rules) {
    Map<String, JsonNode> samples = new LinkedHashMap<>();
    samples.put("a string", NODES.textNode("x"));
    samples.put("a whole number", NODES.numberNode(12345));
    samples.put("a fraction", NODES.numberNode(1.5));
    samples.put("a boolean", NODES.booleanNode(true));
    samples.put("an object", NODES.objectNode());
    samples.put("an array", NODES.arrayNode());
    samples.put("null", NODES.nullNode());
    Map<String, JsonNode> wrong = new LinkedHashMap<>();
    samples.forEach((label, sample) -> {
      if (rules.stream().anyMatch(rule -> rule.has("type") && !allows(rule.get("type"), sample))) {
        wrong.put(label, sample);
      }
    });
    return wrong;
  }

  private static boolean allows(JsonNode type, JsonNode sample) {
    List<String> types = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(each -> types.add(each.asText()));
    } else {
      types.add(type.asText());
    }
    return types.stream().anyMatch(each -> switch (each) {
      case "string" -> sample.isTextual();
      case "integer" -> sample.isIntegralNumber();
      case "number" -> sample.isNumber();
      case "boolean" -> sample.isBoolean();
      case "object" -> sample.isObject();
      case "array" -> sample.isArray();
      case "null" -> sample.isNull();
      default -> false;
    });
  }

  /** Object schemas (by location) that neither refuse undeclared fields nor only dispatch to ones that do. */
  private static void closedObjects(ObjectNode document, JsonNode node, String location, List<String> open) {
    if (node.isObject()) {
      boolean object = "object".equals(node.path("type").asText()) && node.has("properties");
      boolean dispatcher = node.has("allOf") && node.path("allOf").size() > 0;
      if (object && !dispatcher && !node.path("additionalProperties").isBoolean()
          && !location.endsWith("/if") && !location.contains("/if/")) {
        open.add(location);
      }
      node.fields().forEachRemaining(child -> closedObjects(document, child.getValue(), location + "/"
          + child.getKey(), open));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        closedObjects(document, node.get(i), location + "/" + i, open);
      }
    }
  }

  private static Case mutated(String base, JsonNode root, String path, String name, JsonNode value, String rule) {
    JsonNode body = root.deepCopy();
    ObjectNode parent = (ObjectNode) (path.isEmpty() ? body : body.at("/" + path.replace('.', '/')));
    if (value == null) {
      parent.remove(name);
    } else {
      parent.set(name, value);
    }
    return new Case(base, join(path, name) + ": " + rule, body, join(path, name));
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
