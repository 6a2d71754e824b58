package dev.postings.starter.temporal;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.rpcretry.DefaultStubServiceOperationRpcRetryOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the API keeps retrying a Temporal call that fails (Temporal unreachable, overloaded) before the request is
 * answered 503. The SDK retries such a call for a minute by default, and every API request that reads or starts a
 * posting holds its caller that long: a service starting a day's postings, or an operator's console, sees a hung request
 * instead of a prompt "retry later" when Temporal is down. Long polls (a workflow's result awaited) keep their own
 * retries; this bounds the calls the SDK expects to return at once (start, describe, query, signal, update).
 */
@Configuration
public class TemporalCallsWiring {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalCallsGiveUp(
      @Value("${postings.temporal.give-up-after:10s}") Duration giveUpAfter) {
    // the SDK's own retry schedule for these calls, with a shorter end
    RpcRetryOptions retries = DefaultStubServiceOperationRpcRetryOptions.getBuilder().setExpiration(giveUpAfter)
        .build();
    return options -> options.setRpcRetryOptions(retries);
  }
}
