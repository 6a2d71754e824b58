package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The workflow input as the worker reads it. Spring Boot puts Jackson's parameter-names module on the worker's classpath,
 * and Temporal's default converter registers every module it finds: then a record's second constructor becomes a
 * candidate creator, and the order must still be read with every field.
 */
class PostingOrderTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  @Test
  void theCompletionCallbackSurvivesTheWorkflowInput() {
    CompletionCallback callback = new CompletionCallback("https://billing.example.com/postings/done",
        new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(30)), Duration.ofHours(24),
        Duration.ofSeconds(30));
    PostingOrder order = new PostingOrder(PostingFixtures.propertywareRequest("pw-cb-1"), PostingPolicy.defaults(),
        callback);

    PostingOrder read = CONVERTER.fromPayload(CONVERTER.toPayload(order).orElseThrow(), PostingOrder.class,
        PostingOrder.class);

    assertThat(read.callback()).isEqualTo(callback);
  }

  @Test
  void anOrderRecordedBeforeCallbacksExistedHasNone() {
    String before = "{\"request\":null,\"policy\":null}";
    PostingOrder read = CONVERTER.fromPayload(io.temporal.api.common.v1.Payload.newBuilder()
        .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
        .setData(com.google.protobuf.ByteString.copyFromUtf8(before)).build(), PostingOrder.class, PostingOrder.class);

    assertThat(read.callback()).isNull();
  }
}
