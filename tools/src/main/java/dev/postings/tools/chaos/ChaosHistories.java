package dev.postings.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.model.PostingRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps the histories of what really ran in a chaos run, for the replay corpus: one posting per provider, end state and
 * attention code, its history fetched from the local Temporal server and its payloads decrypted with the local stack's
 * published development key (the corpus is replayed on workers with and without encryption, so it holds plain
 * payloads; card data never is in a payload, the card vault keeps it).
 */
final class ChaosHistories {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENCRYPTED = Base64.getEncoder().encodeToString(
      AesGcmPayloadCodec.ENCODING.getBytes(StandardCharsets.UTF_8));

  private ChaosHistories() {}

  /** Writes {@code chaos-<provider>-<state>[-<code>].json} into {@code directory}, one per kind of ending. */
  static int keep(String temporalTarget, List<ChaosRun.Outcome> outcomes, Path directory, PrintStream out)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, ChaosRun.Outcome> oneOfEach = new LinkedHashMap<>();
    outcomes.stream().sorted(Comparator.comparing(ChaosRun.Outcome::postingId))
        .forEach(outcome -> oneOfEach.putIfAbsent(name(outcome), outcome));
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings(
        EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID,
        Map.of(EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID, EncryptionKeys.LOCAL_DEVELOPMENT_KEY))));
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      for (Map.Entry<String, ChaosRun.Outcome> kind : oneOfEach.entrySet()) {
        String history = client.fetchHistory(PostingRequest.WORKFLOW_ID_PREFIX + kind.getValue().postingId())
            .toJson(true);
        Path file = directory.resolve(kind.getKey() + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
            decrypted(JSON.readTree(history), codec)));
        out.println("chaos: kept the history of " + kind.getValue().postingId() + " as " + file);
      }
    } finally {
      service.shutdown();
    }
    return oneOfEach.size();
  }

  static String name(ChaosRun.Outcome outcome) {
    return ("chaos-" + outcome.provider() + "-" + outcome.state()
        + (outcome.attention().isEmpty() ? "" : "-" + outcome.attention())).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The same JSON with every encrypted payload replaced by its plain form. */
  static JsonNode decrypted(JsonNode node, AesGcmPayloadCodec codec) {
    if (node instanceof ObjectNode object) {
      if (ENCRYPTED.equals(object.path("metadata").path("encoding").asText())) {
        return plain(object, codec);
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(decrypted(field.getValue(), codec));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, decrypted(array.get(i), codec));
      }
    }
    return node;
  }

  private static JsonNode plain(ObjectNode encrypted, AesGcmPayloadCodec codec) {
    try {
      Payload.Builder payload = Payload.newBuilder();
      JsonFormat.parser().merge(encrypted.toString(), payload);
      Payload plain = codec.decode(List.of(payload.build())).get(0);
      return JSON.readTree(JsonFormat.printer().print(plain));
    } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException unreadable) {
      throw new IllegalStateException("a payload of the history cannot be decrypted with the local key", unreadable);
    }
  }
}
