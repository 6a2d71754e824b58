package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.callback.CallbackDestinations;
import dev.postings.model.FieldError;
import dev.postings.model.PostingLimits;
import dev.postings.registry.PostingRegistry;
import dev.postings.starter.cardvault.SealedCardStore;
import dev.postings.starter.contract.ContractOpenApi;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import dev.postings.workflow.CompletionCallback;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.RetrySchedule;
import io.temporal.client.WorkflowClient;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a hostile body costs the service is bounded: thousands of faults are answered as the first
 * {@link RequestContract#MAX_ERRORS} (each compared with at most that many, not with every other), and a request
 * invalid anyway never makes the service look up its callback host.
 */
class RequestErrorsBoundedTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RequestContract contract = new RequestContract(JSON, PostingLimits.defaults());

  /** A posting request of 64 KiB made of unknown fields: about 8,000 faults. */
  private static String unknownFields(int count) {
    ObjectNode body = JSON.createObjectNode();
    for (int i = 0; i < count; i++) {
      body.put(Integer.toString(i, 36), 0);
    }
    return body.toString();
  }

  @Test
  void thousandsOfFaultsAreAnsweredAsTheFirstHundredThenOneSayingThereAreMore() {
    String body = unknownFields(8_000);
    assertThat(body.length()).isLessThan(64 * 1024);
    PostingRequestReader reader = new PostingRequestReader(JSON, PostingLimits.defaults(), contract);

    long started = System.nanoTime();
    List<FieldError> errors = reader.read(body).errors();
    System.out.printf("contract: 8000 unknown fields answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);

    assertThat(errors).hasSize(RequestContract.MAX_ERRORS + 1);
    assertThat(errors.get(RequestContract.MAX_ERRORS)).isEqualTo(
        new FieldError("body", "has more errors than the " + RequestContract.MAX_ERRORS + " shown"));
    assertThat(errors.subList(0, 3)).extracting(FieldError::message).containsOnly("is not a known field");
  }

  @Test
  void anActionBodyOfThousandsOfUnknownFieldsIsCutTheSameWay() throws Exception {
    List<FieldError> errors = contract.checkAction(ActionSchema.REASON, JSON.readTree(unknownFields(8_000)));
    assertThat(errors).hasSize(RequestContract.MAX_ERRORS + 1);
  }

  @Test
  void mergingKeepsTheCutAndNeverGrowsPastIt() {
    List<FieldError> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(new FieldError("f" + i, "is not a known field"));
    }
    assertThat(RequestContract.merge(List.of(), many)).hasSize(RequestContract.MAX_ERRORS + 1);
    assertThat(RequestContract.merge(RequestContract.merge(List.of(), many), many))
        .hasSize(RequestContract.MAX_ERRORS + 1);
    assertThat(RequestContract.merge(List.of(new FieldError("target", "is required")),
        List.of(new FieldError("target.leaseId", "is required"), new FieldError("amount", "is required"))))
        .extracting(FieldError::field).containsExactly("target", "amount");
  }

  @Test
  void anInvalidRequestNeverMakesTheServiceLookUpItsCallbackHost() {
    CallbackDestinations.HostResolver dns = mock(CallbackDestinations.HostResolver.class);
    PostingService postings = new PostingService(mock(WorkflowClient.class),
        new PostingRequestReader(JSON, PostingLimits.defaults(), contract), PostingPolicy.defaults(), "postings",
        Clock.systemUTC(), mock(SealedCardStore.class), new CompletionCallback(null,
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), Duration.ofHours(1),
            Duration.ofSeconds(5)), new CallbackDestinations(List.of(), false, dns), mock(PostingRegistry.class));

    PostingService.StartOutcome outcome = postings.start("{\"postingId\":\"p-1\",\"callbackUrl\":"
        + "\"https://is-this-name-internal.example/cb\"}", "rent-app");

    assertThat(outcome).isInstanceOf(PostingService.StartOutcome.Invalid.class);
    verifyNoInteractions(dns);
  }

  @Test
  void aRequestValidInEveryOtherFieldHasItsCallbackHostChecked() throws Exception {
    CallbackDestinations.HostResolver dns = host -> new InetAddress[] {InetAddress.getByName("10.0.0.8")};
    PostingService postings = new PostingService(mock(WorkflowClient.class),
        new PostingRequestReader(JSON, PostingLimits.defaults(), contract), PostingPolicy.defaults(), "postings",
        Clock.systemUTC(), mock(SealedCardStore.class), new CompletionCallback(null,
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), Duration.ofHours(1),
            Duration.ofSeconds(5)), new CallbackDestinations(List.of(), false, dns), mock(PostingRegistry.class));
    ObjectNode valid = (ObjectNode) new ContractOpenApi(contract, JSON).examples().path("propertyware").path("value")
        .deepCopy();
    valid.put("callbackUrl", "https://looks-public.example/cb");

    PostingService.StartOutcome outcome = postings.start(valid.toString(), "rent-app");

    assertThat(outcome).isInstanceOfSatisfying(PostingService.StartOutcome.Invalid.class, invalid ->
        assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("callbackUrl"));
  }
}
