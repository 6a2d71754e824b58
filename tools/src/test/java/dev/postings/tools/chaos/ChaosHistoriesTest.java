package dev.postings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import io.temporal.api.common.v1.Payload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosHistoriesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings(
      EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID,
      Map.of(EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID, EncryptionKeys.LOCAL_DEVELOPMENT_KEY))));

  @Test
  void everyEncryptedPayloadOfAHistoryBecomesPlainAndNothingElseChanges() throws Exception {
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"postingId\":\"pw-1\"}")).build();
    String encrypted = JsonFormat.printer().print(codec.encode(List.of(plain)).get(0));
    JsonNode history = JSON.readTree("{\"events\":[{\"eventId\":\"1\",\"workflowExecutionStartedEventAttributes\":"
        + "{\"input\":{\"payloads\":[" + encrypted + "]}}},{\"eventId\":\"2\",\"markerRecordedEventAttributes\":"
        + "{\"markerName\":\"Version\"}}]}");
    assertThat(history.toString()).doesNotContain(
        java.util.Base64.getEncoder().encodeToString("{\"postingId\":\"pw-1\"}".getBytes(StandardCharsets.UTF_8)));

    JsonNode decrypted = ChaosHistories.decrypted(history.deepCopy(), codec);

    JsonNode payload = decrypted.at("/events/0/workflowExecutionStartedEventAttributes/input/payloads/0");
    Payload.Builder read = Payload.newBuilder();
    JsonFormat.parser().merge(payload.toString(), read);
    assertThat(read.build()).isEqualTo(plain);
    assertThat(decrypted.at("/events/1")).isEqualTo(history.at("/events/1"));
  }

  @Test
  void oneFileNamePerProviderStateAndCode() {
    assertThat(ChaosHistories.name(new ChaosRun.Outcome("p1", "PROPERTYWARE", "NEEDS_ATTENTION", "UNKNOWN_OUTCOME")))
        .isEqualTo("chaos-propertyware-needs-attention-unknown-outcome");
    assertThat(ChaosHistories.name(new ChaosRun.Outcome("p2", "STOREDGE", "CONFIRMED", "")))
        .isEqualTo("chaos-storedge-confirmed");
  }
}
