package dev.postings.starter;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.postings.model.PostingLimits;
import dev.postings.model.Provider;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Generates invalid {@code POST /api/postings} requests: it starts from one valid request per provider and target kind
 * (every Acquaint operation, every storEDGE payment kind and payment method) and derives mutations from them
 * systematically (every field removed, null, of the wrong JSON type, empty, oversized, carrying junk characters;
 * amounts, currencies, dates, providers and target kinds that are wrong; business rules broken), then adds what is
 * wrong with the request as a whole (every truncation of every valid body, malformed JSON, duplicate keys, bytes that
 * are not UTF-8, bodies over the size limit, content types that are not JSON) and a seeded random sample of combined
 * mutations.
 *
 * <p>Each request says what the API must answer: the status, and the fields an error must name (any of them; an error
 * on a child field counts for its parent).
 */
final class BadPostingRequests {

  static final String JSON_TYPE = "application/json";

  /** Cardholder data in the valid storEDGE bases: no answer may ever contain it. */
  static final String CARD_NUMBER = "4111111111111111";
  static final String SECURITY_CODE = "468";
  static final String ACCOUNT_NUMBER = "000123456789";
  private static final List<String> BASE_SECRETS = List.of(CARD_NUMBER, SECURITY_CODE, ACCOUNT_NUMBER);
  private static final Set<String> SECRET_FIELDS = Set.of("cardNumber", "securityCode", "accountNumber");

  /** Non-ASCII as \\u escapes: a lone surrogate cannot be encoded as UTF-8, but JSON can carry it escaped. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Characters that are not text: C0 and C1 controls, DEL, lone surrogates, Unicode noncharacters. */
  static final List<String> JUNK = List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\ud800", "\udfff",
      "\ud83d", "\uffff", "\ufffe", "\u0000\u0000\u0000\u0000");

  /** One invalid request and the answer it must get. */
  record BadRequest(String category, String name, String method, String path, String contentType, byte[] body,
      boolean chunked, int expectedStatus, List<String> fields, List<String> secrets) {}

  static final String POSTINGS = "/api/postings";

  /** A valid request, and which of its fields may be left out. */
  record Base(String name, ObjectNode body, Set<String> optional) {

    Provider provider() {
      return Provider.valueOf(body.get("provider").asText());
    }
  }

  private final PostingLimits limits;
  private final int maxBodyBytes;
  private final Instant now;
  private final Random random;
  private final List<BadRequest> requests = new ArrayList<>();
  private int serial;

  private BadPostingRequests(PostingLimits limits, int maxBodyBytes, Instant now, long seed) {
    this.limits = limits;
    this.maxBodyBytes = maxBodyBytes;
    this.now = now;
    this.random = new Random(seed);
  }

  static List<BadRequest> generate(PostingLimits limits, int maxBodyBytes, Instant now, long seed) {
    BadPostingRequests generator = new BadPostingRequests(limits, maxBodyBytes, now, seed);
    generator.generateAll();
    return generator.requests;
  }

  // ------------------------------------------------------------------------------------------------ the valid bases

  static List<Base> bases() {
    List<Base> bases = new ArrayList<>();
    ObjectNode propertyware = common("PROPERTYWARE", "USD", "CHECK");
    propertyware.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", "res_1").put("financialAccountId", "fa_1");
    bases.add(new Base("PROPERTYWARE", propertyware, Set.of("description")));

    ObjectNode resman = common("RESMAN", "USD", "Credit Card");
    resman.putObject("target").put("integrationId", "intg_1").put("residentId", "res_1")
        .put("notes", "paid at the office");
    bases.add(new Base("RESMAN", resman, Set.of()));

    ObjectNode rent = common("ACQUAINT", "GBP", "3");
    rent.putObject("target").put("operation", "RENT").put("rentItemId", 101).put("tenancyId", 55)
        .put("bankAccountId", 7).put("receivedFromContactId", 901).put("landlordId", 31)
        .put("payAdvancedRentToLandlord", false);
    bases.add(new Base("ACQUAINT RENT", rent, Set.of("description", "target.receivedFromContactId",
        "target.landlordId", "target.payAdvancedRentToLandlord")));

    ObjectNode charge = common("ACQUAINT", "GBP", "3");
    charge.putObject("target").put("operation", "CHARGE").put("chargeId", 202).put("bankAccountId", 7)
        .put("receivedFromContactId", 901).put("payAdvanceRentToLandlordNow", false);
    bases.add(new Base("ACQUAINT CHARGE", charge, Set.of("description", "target.receivedFromContactId",
        "target.payAdvanceRentToLandlordNow")));

    Set<String> optionalAddress = Set.of("description", "target.paymentMethod.billingAddress.address2",
        "target.paymentMethod.billingAddress.state", "target.paymentMethod.billingAddress.country");
    for (String method : List.of("STORED", "CREDIT_CARD", "ACH", "CHECK", "CASH")) {
      bases.add(new Base("STOREDGE CUSTOM " + method, storedge("CUSTOM", null, method),
          method.equals("STORED") ? Set.of("description") : optionalAddress));
    }
    bases.add(new Base("STOREDGE PREPAY STORED", storedge("PREPAY", 3, "STORED"), Set.of("description")));
    bases.add(new Base("STOREDGE BALANCE CREDIT_CARD", storedge("BALANCE", null, "CREDIT_CARD"), optionalAddress));
    return bases;
  }

  private static ObjectNode common(String provider, String currency, String paymentType) {
    ObjectNode body = NODES.objectNode();
    body.put("postingId", "base-" + provider.toLowerCase());
    body.put("connectionId", switch (provider) {
      case "ACQUAINT" -> "acquaint-dev";
      case "STOREDGE" -> "storedge-main";
      default -> "propexo-main";
    });
    body.put("provider", provider);
    body.putObject("amount").put("minor", 125_000).put("currency", currency);
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    if (paymentType != null) {
      body.put("paymentType", paymentType);
    }
    body.put("referenceNumber", "REF20240115001");
    body.put("description", "January rent");
    return body;
  }

  private static ObjectNode storedge(String kind, Integer months, String method) {
    ObjectNode body = common("STOREDGE", "USD", null);
    ObjectNode target = body.putObject("target").put("facilityId", "fac_1").put("ledgerId", "led_1")
        .put("paymentKind", kind);
    if (months != null) {
      target.put("months", months);
    }
    ObjectNode pm = target.putObject("paymentMethod").put("kind", method);
    switch (method) {
      case "STORED" -> pm.put("paymentMethodId", "pm_1");
      case "CREDIT_CARD" -> pm.put("firstName", "Ann").put("lastName", "Lee").put("cardType", "visa")
          .put("cardNumber", CARD_NUMBER).put("securityCode", SECURITY_CODE).put("expirationDate", "12/39");
      case "ACH" -> pm.put("firstName", "Ann").put("lastName", "Lee").put("accountNumber", ACCOUNT_NUMBER)
          .put("accountType", "checking").put("bankName", "First Bank").put("routingNumber", "021000021");
      case "CHECK" -> pm.put("firstName", "Ann").put("lastName", "Lee").put("checkNumber", "1042")
          .put("nameOnCheck", "Ann Lee");
      case "CASH" -> pm.put("firstName", "Ann").put("lastName", "Lee");
      default -> throw new IllegalArgumentException(method);
    }
    if (!method.equals("STORED")) {
      pm.putObject("billingAddress").put("address1", "1 Main St").put("address2", "Unit 4").put("city", "Austin")
          .put("state", "TX").put("postal", "78701").put("country", "US");
    }
    return body;
  }

  // ------------------------------------------------------------------------------------------------ the generation

  private void generateAll() {
    List<Base> bases = bases();
    for (Base base : bases) {
      fieldMutations(base);
      amounts(base);
      currencies(base);
      providers(base, bases);
      unknownFields(base);
      businessRules(base);
    }
    for (String name : List.of("PROPERTYWARE", "RESMAN", "ACQUAINT RENT", "ACQUAINT CHARGE",
        "STOREDGE CUSTOM CREDIT_CARD")) {
      dates(find(bases, name));
    }
    for (Base base : bases) {
      truncations(base);
      duplicateKeys(base);
      contentTypes(base);
    }
    malformed(find(bases, "PROPERTYWARE"));
    invalidUtf8(find(bases, "PROPERTYWARE"), List.of("postingId", "referenceNumber", "description", "target.leaseId"));
    invalidUtf8(find(bases, "STOREDGE CUSTOM CREDIT_CARD"), List.of("target.paymentMethod.firstName"));
    for (String name : List.of("PROPERTYWARE", "STOREDGE CUSTOM CREDIT_CARD", "STOREDGE CUSTOM ACH")) {
      hugeBodies(find(bases, name));
    }
    randomCombinations(bases, 400);
    operatorActions();
    wrongMethods(find(bases, "PROPERTYWARE"));
  }

  /** A change of one field: a new value, or removal when {@code value} is null. */
  private record Mutation(String path, String label, JsonNode value, List<String> expect) {}

  /** Every leaf and object of the base, mutated one at a time. */
  private void fieldMutations(Base base) {
    for (Mutation mutation : singleFieldMutations(base)) {
      add(categoryOf(mutation.label()), base, mutation.path() + " " + mutation.label(), 400, mutation.expect(),
          body -> apply(body, mutation));
    }
  }

  private static String categoryOf(String label) {
    int colon = label.indexOf(':');
    return colon < 0 ? label : label.substring(0, colon);
  }

  private List<Mutation> singleFieldMutations(Base base) {
    List<Mutation> mutations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : fields(base.body()).entrySet()) {
      String path = field.getKey();
      JsonNode node = field.getValue();
      List<String> expect = List.of(path);
      boolean required = !base.optional().contains(path);
      if (required) {
        mutations.add(new Mutation(path, "missing or null: removed", null, expect));
        mutations.add(new Mutation(path, "missing or null: null", NODES.nullNode(), expect));
      }
      for (Map.Entry<String, JsonNode> wrong : wrongTypes(node).entrySet()) {
        mutations.add(new Mutation(path, "wrong type: " + wrong.getKey(), wrong.getValue(), expect));
      }
      if (node.isTextual()) {
        String value = node.asText();
        if (required) {
          mutations.add(new Mutation(path, "empty or blank: empty", new TextNode(""), expect));
          mutations.add(new Mutation(path, "empty or blank: blank", new TextNode("   "), expect));
        }
        mutations.add(new Mutation(path, "oversized field: 10000 characters", new TextNode("x".repeat(10_000)),
            expect));
        Integer max = maxLength(path);
        if (max != null) {
          mutations.add(new Mutation(path, "oversized field: " + (max + 1) + " characters (limit + 1)",
              new TextNode("a".repeat(max + 1)), expect));
        }
        for (int i = 0; i < JUNK.size(); i++) {
          String junk = value.substring(0, value.length() / 2) + JUNK.get(i) + value.substring(value.length() / 2);
          mutations.add(new Mutation(path, "unicode junk: #" + i + " " + escaped(JUNK.get(i)), new TextNode(junk),
              expect));
        }
      }
    }
    return mutations;
  }

  private static Map<String, JsonNode> wrongTypes(JsonNode node) {
    Map<String, JsonNode> wrong = new LinkedHashMap<>();
    ArrayNode wrapped = NODES.arrayNode().add(node.deepCopy());
    if (node.isTextual()) {
      wrong.put("number", new IntNode(42));
      wrong.put("fraction", new DoubleNode(4.5));
      wrong.put("boolean", BooleanNode.TRUE);
      wrong.put("empty array", NODES.arrayNode());
      wrong.put("empty object", NODES.objectNode());
      wrong.put("the value in an array", wrapped);
    } else if (node.isIntegralNumber()) {
      wrong.put("the number as a string", new TextNode(node.asText()));
      wrong.put("fraction", new DoubleNode(node.asLong() + 0.5));
      wrong.put("boolean", BooleanNode.TRUE);
      wrong.put("empty array", NODES.arrayNode());
      wrong.put("empty object", NODES.objectNode());
      wrong.put("the value in an array", wrapped);
    } else if (node.isBoolean()) {
      wrong.put("the boolean as a string", new TextNode(node.asText()));
      wrong.put("number", new IntNode(1));
      wrong.put("empty array", NODES.arrayNode());
      wrong.put("empty object", NODES.objectNode());
    } else if (node.isObject()) {
      wrong.put("string", new TextNode("{}"));
      wrong.put("number", new IntNode(1));
      wrong.put("boolean", BooleanNode.FALSE);
      wrong.put("empty array", NODES.arrayNode());
      wrong.put("the object in an array", wrapped);
    }
    return wrong;
  }

  /** The length limit of a plain text field, from the configured limits; null for fields with a format of their own. */
  private Integer maxLength(String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    return switch (name) {
      case "postingId", "integrationId", "leaseId", "residentId", "financialAccountId", "facilityId", "ledgerId",
          "paymentMethodId", "accountType", "postal" -> limits.maxIdLength();
      case "referenceNumber", "checkNumber" -> limits.maxReferenceLength();
      case "description", "notes", "firstName", "lastName", "bankName", "nameOnCheck", "address1", "address2",
          "city", "state", "country" -> limits.maxDescriptionLength();
      default -> null;
    };
  }

  private void amounts(Base base) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put("zero", new IntNode(0));
    values.put("minus zero", new DoubleNode(-0.0));
    values.put("-1", new IntNode(-1));
    values.put("negative", new IntNode(-125_000));
    values.put("Long.MIN_VALUE", new LongNode(Long.MIN_VALUE));
    values.put("limit + 1", new LongNode(limits.maxAmountMinor() + 1));
    values.put("a trillion", new LongNode(1_000_000_000_000L));
    values.put("Long.MAX_VALUE", new LongNode(Long.MAX_VALUE));
    values.put("2^64", new BigIntegerNode(BigInteger.TWO.pow(64)));
    values.put("30 digits", new BigIntegerNode(new BigInteger("9".repeat(30))));
    values.put("fraction 12.5", new DoubleNode(12.5));
    values.put("fraction 0.5", new DoubleNode(0.5));
    values.put("1.0", new DecimalNode(new BigDecimal("1.0")));
    values.put("exponent 1E+2", new DecimalNode(new BigDecimal("1E+2")));
    values.put("exponent 1E+400", new DecimalNode(new BigDecimal("1E+400")));
    values.put("decimal string", new TextNode("1250.00"));
    values.put("string with a currency sign", new TextNode("$1250"));
    for (Map.Entry<String, JsonNode> value : values.entrySet()) {
      add("amount", base, "amount.minor = " + value.getKey(), 400, List.of("amount.minor"),
          body -> ((ObjectNode) body.get("amount")).set("minor", value.getValue()));
    }
  }

  private void currencies(Base base) {
    String own = base.provider().currency();
    List<String> wrong = new ArrayList<>(List.of(own.equals("USD") ? "GBP" : "USD", "EUR", own.toLowerCase(),
        own.substring(0, 2), own + "X", " " + own, own + " ", "XXX", "$", "840"));
    for (String currency : wrong) {
      add("currency", base, "amount.currency = '" + currency + "'", 400, List.of("amount.currency"),
          body -> ((ObjectNode) body.get("amount")).put("currency", currency));
    }
  }

  private void dates(Base base) {
    DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE;
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    long futureDays = limits.maxFutureDate().toDays();
    List<String> dates = new ArrayList<>(List.of("2024-02-30", "2023-02-29", "2100-02-29", "2024-13-01",
        "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2024-06-31", "2024-01-15T24:00:01Z",
        "2024-01-15T25:00:00Z", "2024-01-15T09:60:00Z", "2024-01-15T09:30:61Z", "2024-01-15T09:30:00",
        "2024-01-15T09:30:00+25:00", "2024-01-15T09:30:00.123456789123Z", "2024-01-15 09:30:00Z",
        "2024-01-15T09:30:00Z[Europe/London]", "15/01/2024", "01/15/2024", "2024/01/15", "20240115", "2024-1-15",
        "2024-01-5", "Jan 15, 2024", "yesterday", "now", " 2024-01-15", "2024-01-15 ", "1705311000",
        "-2024-01-15", (limits.earliestYear() - 1) + "-12-31", "1970-01-01T00:00:00Z", "0001-01-01",
        "9999-12-31", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
        today.plusDays(futureDays + 2).format(iso), today.plusYears(1).format(iso)));
    for (String date : dates) {
      add("date", base, "transactionDate = '" + date + "'", 400, List.of("transactionDate"),
          body -> body.put("transactionDate", date));
    }
    add("date", base, "transactionDate = epoch seconds as a number", 400, List.of("transactionDate"),
        body -> body.put("transactionDate", 1_705_311_000L));
  }

  private void providers(Base base, List<Base> bases) {
    String own = base.provider().name();
    for (String provider : List.of("YARDI", "PROPEXO", own.toLowerCase(), own + " ", " " + own, own + "_V2",
        "ACQUAINT_RENT", "STOREDGE_CARD", "Propertyware")) {
      add("provider", base, "provider = '" + provider + "'", 400, List.of("provider"),
          body -> body.put("provider", provider));
    }
    // a known provider with another provider's target: the target must be refused, not reinterpreted
    for (Provider other : Provider.values()) {
      if (other != base.provider()) {
        add("provider", base, "provider = " + other + " with a " + base.name() + " target", 400, List.of("target"),
            body -> {
              body.put("provider", other.name());
              ((ObjectNode) body.get("amount")).put("currency", other.currency());
              if (other == Provider.RESMAN || other == Provider.PROPERTYWARE || other == Provider.ACQUAINT) {
                body.put("paymentType", other == Provider.RESMAN ? "Check" : other == Provider.ACQUAINT ? "3"
                    : "CHECK");
              }
            });
      }
    }
  }

  private void unknownFields(Base base) {
    for (Map.Entry<String, JsonNode> field : fields(base.body()).entrySet()) {
      if (!field.getValue().isObject()) {
        continue;
      }
      String prefix = field.getKey().isEmpty() ? "" : field.getKey() + ".";
      ObjectNode object = (ObjectNode) field.getValue();
      String first = object.fieldNames().next();
      List<String> names = new ArrayList<>(List.of("extra", "kind", first.toUpperCase(), first + "_",
          "__proto__", "$type", ""));
      if (field.getKey().equals("target.paymentMethod")) {
        names.addAll(List.of("vaultRef", "last4", "cvv"));
      }
      if (object.has("kind")) {
        names.remove("kind");
      }
      for (String name : names) {
        String expected = prefix + (name.isEmpty() ? "\"\"" : name);
        add("unknown field", base, "unknown field '" + prefix + name + "'", 400, List.of(expected),
            body -> ((ObjectNode) at(body, field.getKey())).put(name, "cv_0000"));
      }
    }
  }

  /** Well-typed values that break a rule of the provider or of the API. */
  private void businessRules(Base base) {
    String name = base.name();
    if (name.equals("PROPERTYWARE")) {
      for (String type : List.of("CHEQUE", "check", "Credit Card", "CREDIT CARD", "ACH")) {
        rule(base, "paymentType", new TextNode(type));
      }
    }
    if (name.equals("RESMAN")) {
      for (String type : List.of("CREDIT_CARD", "credit card", "Wire", "CHECK")) {
        rule(base, "paymentType", new TextNode(type));
      }
    }
    if (name.startsWith("ACQUAINT")) {
      for (String type : List.of("cash", "0", "-1", "01", "2147483648", "99999999999", "1.5", "3 ", "+3")) {
        rule(base, "paymentType", new TextNode(type));
      }
      List<String> ids = name.endsWith("RENT")
          ? List.of("rentItemId", "tenancyId", "bankAccountId", "receivedFromContactId", "landlordId")
          : List.of("chargeId", "bankAccountId", "receivedFromContactId");
      for (String id : ids) {
        for (JsonNode value : List.of(new IntNode(0), new IntNode(-1), new LongNode(2_147_483_648L),
            new LongNode(Long.MAX_VALUE), new BigIntegerNode(BigInteger.TWO.pow(70)), new DoubleNode(1e3))) {
          rule(base, "target." + id, value);
        }
      }
      for (String operation : List.of("RENTAL", "rent", "charge", "RENT,CHARGE", "PAYMENT", "RENT ")) {
        kind(base, "target.operation", operation, List.of("target.operation"));
      }
      String other = name.endsWith("RENT") ? "CHARGE" : "RENT";
      kind(base, "target.operation", other, List.of("target"));
    }
    if (name.startsWith("STOREDGE")) {
      for (String kind : List.of("custom", "PARTIAL", "REFUND", "BALANCE ", "")) {
        kind(base, "target.paymentKind", kind, List.of("target.paymentKind"));
      }
      if (name.contains("PREPAY")) {
        for (JsonNode months : List.of(new IntNode(0), new IntNode(-1), new IntNode(25), new IntNode(1000),
            new LongNode(2_147_483_648L), new DoubleNode(1.5))) {
          rule(base, "target.months", months);
        }
        kind(base, "target.paymentKind", "CUSTOM", List.of("target.months"));
      } else {
        rule(base, "target.months", new IntNode(3));
        kind(base, "target.paymentKind", "PREPAY", List.of("target.months"));
      }
      for (String type : List.of("CASH", "CREDIT_CARD", "")) {
        rule(base, "paymentType", new TextNode(type));
      }
      String method = name.substring(name.lastIndexOf(' ') + 1);
      for (String kind : List.of("credit_card", "CARD", "BITCOIN", "STORED ", "NEW_CARD")) {
        kind(base, "target.paymentMethod.kind", kind, List.of("target.paymentMethod.kind"));
      }
      if (name.contains("CUSTOM")) {
        for (String other : List.of("STORED", "CREDIT_CARD", "ACH", "CHECK", "CASH")) {
          if (!other.equals(method)) {
            kind(base, "target.paymentMethod.kind", other, List.of("target.paymentMethod"));
          }
        }
      }
      String at = "target.paymentMethod.";
      if (method.equals("CREDIT_CARD")) {
        for (JsonNode number : List.of(new TextNode("4111111111111112"), new TextNode("41111111111"),
            new TextNode("41111111111111111111"), new TextNode("4111 1111 1111 1111"),
            new TextNode("4111-1111-1111-1111"), new TextNode("\uff14111111111111111"),
            new LongNode(Long.parseLong(CARD_NUMBER)), new TextNode("abcdabcdabcdabcd"))) {
          rule(base, at + "cardNumber", number);
        }
        for (JsonNode code : List.of(new TextNode("12"), new TextNode("12345"), new TextNode("abc"),
            new TextNode("46 8"), new IntNode(468))) {
          rule(base, at + "securityCode", code);
        }
        for (String type : List.of("VISA", "amex", "visa ", "maestro")) {
          rule(base, at + "cardType", new TextNode(type));
        }
        String lastMonth = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1)
            .format(DateTimeFormatter.ofPattern("MM/yy"));
        for (String expiration : List.of("01/20", lastMonth, "13/30", "00/30", "1/30", "12/2039", "2039-12",
            "12-39", "1239", "12/3")) {
          rule(base, at + "expirationDate", new TextNode(expiration));
        }
      }
      if (method.equals("ACH")) {
        for (JsonNode number : List.of(new TextNode("123"), new TextNode("123456789012345678"),
            new TextNode("12345abc"), new TextNode("0001 2345"), new LongNode(123456789L))) {
          rule(base, at + "accountNumber", number);
        }
        for (String routing : List.of("02100002", "0210000210", "02100002a", "021-000-021")) {
          rule(base, at + "routingNumber", new TextNode(routing));
        }
      }
    }
    for (String id : List.of("a b", "a/b", "../etc", "-abc", ".abc", "_abc", "a?b", "a#b", "a%2Fb", "posting\u00e9",
        "id\ud83d\ude00", "a\\b", "a\"b")) {
      rule(base, "postingId", new TextNode(id));
    }
  }

  private void rule(Base base, String path, JsonNode value) {
    add("business rule", base, path + " = " + value, 400, List.of(path), body -> set(body, path, value));
  }

  private void kind(Base base, String path, String value, List<String> expect) {
    add("target kind", base, path + " = '" + value + "'", 400, expect, body -> set(body, path, new TextNode(value)));
  }

  /** Every prefix of the valid body: malformed JSON at every position (the empty one is an empty body). */
  private void truncations(Base base) {
    byte[] whole = json(withPostingId(base.body(), "trunc-" + tag()));
    for (int length = 0; length < whole.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(whole, length);
      raw("truncated JSON", base.name() + " cut after " + length + " bytes", JSON_TYPE, prefix, false, 400,
          List.of("body"), BASE_SECRETS);
    }
  }

  /** Each top-level key twice, with another value the second time: which one would count is anybody's guess. */
  private void duplicateKeys(Base base) {
    ObjectNode body = withPostingId(base.body(), "dup-" + tag());
    String text = new String(json(body), StandardCharsets.UTF_8);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode second = body.get(name).isTextual() ? new TextNode(body.get(name).asText() + "2")
          : body.get(name).isObject() ? body.get(name) : new IntNode(1);
      String duplicated = text.substring(0, text.length() - 1) + ",\"" + name + "\":" + second + "}";
      raw("duplicate key", base.name() + " '" + name + "' twice", JSON_TYPE,
          duplicated.getBytes(StandardCharsets.UTF_8), false, 400, List.of(name), BASE_SECRETS);
    }
  }

  private void contentTypes(Base base) {
    byte[] body = json(withPostingId(base.body(), "ctype-" + tag()));
    List<String> types = new ArrayList<>(List.of("text/plain", "text/plain;charset=UTF-8", "application/xml",
        "text/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=postings",
        "application/octet-stream", "text/json", "application/javascript", "application/jsonp", "json", "*/*",
        "application/*", "garbage"));
    types.add(null);
    for (String type : types) {
      raw("content type", base.name() + " sent as " + type, type, body, false, 415, List.of("Content-Type"),
          BASE_SECRETS);
    }
  }

  /** Not JSON, not an object, or JSON that a lenient parser would accept. */
  private void malformed(Base base) {
    String valid = new String(json(withPostingId(base.body(), "malformed-1")), StandardCharsets.UTF_8);
    String inner = valid.substring(1, valid.length() - 1);
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("trailing garbage", valid + "x");
    bodies.put("two objects", valid + valid);
    bodies.put("trailing bracket", valid + "]");
    bodies.put("trailing comma after the object", valid + ",");
    bodies.put("trailing comma in the object", "{" + inner + ",}");
    bodies.put("single quotes", valid.replace('"', '\''));
    bodies.put("unquoted keys", valid.replace("\"postingId\"", "postingId"));
    bodies.put("comment", "/* a payment */" + valid);
    bodies.put("line comment", "// a payment\n" + valid);
    bodies.put("NaN amount", valid.replace("125000", "NaN"));
    bodies.put("Infinity amount", valid.replace("125000", "Infinity"));
    bodies.put("leading zero", valid.replace("125000", "0125000"));
    bodies.put("hex amount", valid.replace("125000", "0x1E848"));
    bodies.put("plus sign", valid.replace("125000", "+125000"));
    bodies.put("bare fraction", valid.replace("125000", ".5"));
    bodies.put("raw newline in a string", valid.replace("January rent", "January\nrent"));
    bodies.put("raw tab in a string", valid.replace("January rent", "January\trent"));
    bodies.put("bad escape", valid.replace("January rent", "January \\x41 rent"));
    bodies.put("short unicode escape", valid.replace("January rent", "January \\u12 rent"));
    bodies.put("missing colon", valid.replace("\"postingId\":", "\"postingId\" "));
    bodies.put("missing comma", valid.replace(",\"provider\"", " \"provider\""));
    bodies.put("double comma", valid.replace(",\"provider\"", ",,\"provider\""));
    bodies.put("python literals", valid.replace("125000", "None"));
    bodies.put("True", valid.replace("\"January rent\"", "True"));
    bodies.put("undefined", valid.replace("\"January rent\"", "undefined"));
    bodies.put("unterminated string", valid.replace("\"January rent\"", "\"January rent"));
    bodies.put("array of the object", "[" + valid + "]");
    bodies.put("null", "null");
    bodies.put("number", "42");
    bodies.put("string", "\"a posting\"");
    bodies.put("true", "true");
    bodies.put("empty array", "[]");
    bodies.put("whitespace only", " \n\t ");
    bodies.put("nested arrays 5000 deep", "[".repeat(5000) + "]".repeat(5000));
    bodies.put("nested objects 3000 deep", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
    bodies.put("amount 2000 digits", valid.replace("125000", "9".repeat(2000)));
    bodies.put("XML", "<posting><postingId>x</postingId></posting>");
    bodies.put("form encoded", "postingId=x&provider=PROPERTYWARE");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      raw("malformed JSON", body.getKey(), JSON_TYPE, body.getValue().getBytes(StandardCharsets.UTF_8), false, 400,
          List.of("body", "amount.minor"), BASE_SECRETS);
    }
    // well-formed, but an empty object: every required field is named
    raw("missing or null", "empty object", JSON_TYPE, "{}".getBytes(StandardCharsets.UTF_8), false, 400,
        List.of("postingId"), BASE_SECRETS);
  }

  /** Bytes that are not UTF-8 (RFC 8259 section 8.1: JSON exchanged between systems is UTF-8) inside a value. */
  private void invalidUtf8(Base base, List<String> paths) {
    List<byte[]> sequences = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
        new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
            (byte) 0x80}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    for (String path : paths) {
      for (int i = 0; i < sequences.size(); i++) {
        ObjectNode body = withPostingId(base.body(), "utf8-" + tag());
        String marker = "MARKER" + i;
        set(body, path, new TextNode(at(body, path).asText() + marker));
        byte[] text = json(body);
        String asText = new String(text, StandardCharsets.ISO_8859_1);
        int where = asText.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, where);
        out.writeBytes(sequences.get(i));
        out.write(text, where + marker.length(), text.length - where - marker.length());
        raw("invalid UTF-8", base.name() + " " + path + " sequence #" + i, JSON_TYPE, out.toByteArray(), false,
            400, List.of("body", path), BASE_SECRETS);
      }
    }
  }

  /** Over the limit, declared with Content-Length (refused before reading) and sent chunked (refused while reading). */
  private void hugeBodies(Base base) {
    for (int size : List.of(maxBodyBytes + 1, maxBodyBytes + 100, 2 * maxBodyBytes, 256 * 1024, 1024 * 1024)) {
      ObjectNode body = withPostingId(base.body(), "huge-" + tag());
      int overhead = json(body).length - body.get("description").asText().length();
      body.put("description", "x".repeat(size - overhead));
      byte[] bytes = json(body);
      byte[] junk = new byte[size];
      java.util.Arrays.fill(junk, (byte) 'x');
      for (boolean chunked : List.of(false, true)) {
        String how = chunked ? " chunked" : " with Content-Length";
        raw("huge body", base.name() + " JSON of " + bytes.length + " bytes" + how, JSON_TYPE, bytes, chunked, 413,
            List.of("body"), BASE_SECRETS);
        raw("huge body", base.name() + " junk of " + size + " bytes" + how, JSON_TYPE, junk, chunked, 413,
            List.of("body"), BASE_SECRETS);
      }
    }
  }

  /**
   * The operators' actions on a posting take JSON bodies too: every truncation of a valid one, and values of the wrong
   * type, must be a 400 before any posting is looked up (the posting named here does not exist).
   */
  private void operatorActions() {
    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("resolve", "{\"recordId\":\"rp_1\",\"note\":\"found in the ledger\"}");
    valid.put("rejected-by-pmc", "{\"reason\":\"refused in Partner Transactions\",\"operator\":\"ann\"}");
    valid.put("cancel-waiting", "{\"reason\":\"duplicate\",\"operator\":\"ann\"}");
    for (Map.Entry<String, String> action : valid.entrySet()) {
      String path = POSTINGS + "/no-such-posting/" + action.getKey();
      byte[] whole = action.getValue().getBytes(StandardCharsets.UTF_8);
      for (int length = 1; length < whole.length; length++) {
        action("operator action", action.getKey() + " cut after " + length + " bytes", path, JSON_TYPE,
            java.util.Arrays.copyOf(whole, length), 400, List.of("body"));
      }
      String field = action.getValue().substring(2, action.getValue().indexOf('"', 2));
      for (String value : List.of("{}", "[]", "{\"id\":\"" + CARD_NUMBER + "\"}")) {
        action("operator action", action.getKey() + " " + field + " = " + value, path, JSON_TYPE,
            ("{\"" + field + "\":" + value + "}").getBytes(StandardCharsets.UTF_8), 400, List.of(field));
      }
      action("operator action", action.getKey() + " sent as text/plain", path, "text/plain", whole, 415,
          List.of("Content-Type"));
    }
  }

  private void action(String category, String name, String path, String contentType, byte[] body, int status,
      List<String> fields) {
    serial++;
    requests.add(new BadRequest(category, name, "POST", path, contentType, body, false, status, fields,
        BASE_SECRETS));
  }

  /** Postings are started with POST only. */
  private void wrongMethods(Base base) {
    byte[] body = json(withPostingId(base.body(), "method-" + tag()));
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      serial++;
      requests.add(new BadRequest("wrong method", method + " " + POSTINGS, method, POSTINGS, JSON_TYPE, body, false,
          405, List.of("method"), BASE_SECRETS));
    }
  }

  /** Two or three single-field mutations on one base, chosen by a seeded random: the same list on every run. */
  private void randomCombinations(List<Base> bases, int count) {
    for (int i = 0; i < count; i++) {
      Base base = bases.get(random.nextInt(bases.size()));
      List<Mutation> pool = singleFieldMutations(base);
      int wanted = 2 + random.nextInt(2);
      List<Mutation> chosen = new ArrayList<>();
      while (chosen.size() < wanted) {
        Mutation candidate = pool.get(random.nextInt(pool.size()));
        if (chosen.stream().noneMatch(m -> related(m.path(), candidate.path()))) {
          chosen.add(candidate);
        }
      }
      List<String> expect = chosen.stream().flatMap(m -> m.expect().stream()).toList();
      String name = chosen.stream().map(m -> m.path() + " " + m.label()).toList().toString();
      add("random combination", base, name, 400, expect, body -> chosen.forEach(m -> apply(body, m)));
    }
  }

  private static boolean related(String a, String b) {
    return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".") || a.isEmpty() || b.isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private Base find(List<Base> bases, String name) {
    return bases.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  /** A mutated copy of the base under a posting id of its own (so a start, if any, would be traced to it). */
  private void add(String category, Base base, String name, int status, List<String> fields,
      Consumer<ObjectNode> mutation) {
    ObjectNode body = withPostingId(base.body(), "bad-" + tag());
    mutation.accept(body);
    List<String> secrets = new ArrayList<>(BASE_SECRETS);
    fields(body).forEach((path, value) -> {
      String field = path.substring(path.lastIndexOf('.') + 1);
      if (SECRET_FIELDS.contains(field) && value.isValueNode() && value.asText().length() >= 3) {
        secrets.add(value.asText());
      }
    });
    raw(category, base.name() + ": " + name, JSON_TYPE, json(body), false, status, fields, secrets);
  }

  private void raw(String category, String name, String contentType, byte[] body, boolean chunked, int status,
      List<String> fields, List<String> secrets) {
    serial++;
    requests.add(new BadRequest(category, name, "POST", POSTINGS, contentType, body, chunked, status, fields,
        secrets));
  }

  /**
   * The request's number in letters (0-9 as a-j): posting ids without digits, so that no posting id can contain the
   * digits of a security code the answer is checked for.
   */
  private String tag() {
    StringBuilder letters = new StringBuilder();
    for (char digit : Integer.toString(serial).toCharArray()) {
      letters.append((char) ('a' + digit - '0'));
    }
    return letters.toString();
  }

  private static ObjectNode withPostingId(ObjectNode base, String postingId) {
    ObjectNode copy = base.deepCopy();
    copy.put("postingId", postingId);
    return copy;
  }

  /** Every field by its path (the root object is ""), objects included, in document order. */
  private static Map<String, JsonNode> fields(JsonNode root) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    collect("", root, fields);
    fields.remove("");
    return fields;
  }

  private static void collect(String path, JsonNode node, Map<String, JsonNode> into) {
    into.put(path, node);
    if (node.isObject()) {
      node.fields().forEachRemaining(child -> collect(path.isEmpty() ? child.getKey() : path + "." + child.getKey(),
          child.getValue(), into));
    }
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    if (!path.isEmpty()) {
      for (String name : path.split("\\.")) {
        node = node.get(name);
      }
    }
    return node;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    int dot = path.lastIndexOf('.');
    ObjectNode parent = (ObjectNode) at(root, dot < 0 ? "" : path.substring(0, dot));
    String name = path.substring(dot + 1);
    if (value == null) {
      parent.remove(name);
    } else {
      parent.set(name, value);
    }
  }

  private static void apply(ObjectNode body, Mutation mutation) {
    set(body, mutation.path(), mutation.value());
  }

  private static byte[] json(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
    return out.toString();
  }
}
