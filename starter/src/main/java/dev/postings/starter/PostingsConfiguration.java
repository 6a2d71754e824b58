package dev.postings.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.callback.CallbackDestinations;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.contract.RequestContract;
import dev.postings.registry.PostingRegistry;
import dev.postings.starter.registry.RegistryPostingDirectory;
import dev.postings.starter.api.PostingService;
import dev.postings.starter.cardvault.SealedCardStore;
import dev.postings.starter.timeline.TimelineService;
import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.directory.PostingDirectory;
import dev.postings.workflow.CompletionCallback;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.RetrySchedule;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.springframework.boot.context.properties.bind.BindConstructorProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The posting policy (every duration and limit) from {@code postings.policy.*}, and the services built on it. */
@Configuration
public class PostingsConfiguration {

  @Bean
  PostingPolicy postingPolicy(Environment environment) {
    Binder binder = new Binder(ConfigurationPropertySources.get(environment),
        new PropertySourcesPlaceholdersResolver(environment), (org.springframework.core.convert.ConversionService) null,
        null, null, CANONICAL_RECORDS);
    return binder.bind("postings.policy", PostingPolicy.class)
        .orElseThrow(() -> new IllegalStateException("postings.policy.* is not configured"));
  }

  /**
   * Records bind through their canonical constructor. The policy records keep shorter constructors for inputs recorded
   * before a part existed (PostingPolicy's reversal part), and Spring deduces a constructor only when there is one.
   */
  static final BindConstructorProvider CANONICAL_RECORDS = (bindable, nested) -> {
    Class<?> type = bindable.getType().resolve();
    if (type == null || !type.isRecord()) {
      return BindConstructorProvider.DEFAULT.getBindConstructor(bindable, nested);
    }
    try {
      return type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
          .toArray(Class<?>[]::new));
    } catch (NoSuchMethodException everyRecordHasOne) {
      throw new IllegalStateException(everyRecordHasOne);
    }
  };

  /** How completion callbacks are retried ({@code postings.callback.*}); each posting names its own URL. */
  @Bean
  CompletionCallback completionCallbackPolicy(Environment environment) {
    Binder binder = Binder.get(environment);
    return new CompletionCallback(null,
        binder.bind("postings.callback.retry", RetrySchedule.class)
            .orElseThrow(() -> new IllegalStateException("postings.callback.retry is not configured")),
        binder.bind("postings.callback.budget", java.time.Duration.class)
            .orElseThrow(() -> new IllegalStateException("postings.callback.budget is not configured")),
        binder.bind("postings.callback.call-timeout", java.time.Duration.class)
            .orElseThrow(() -> new IllegalStateException("postings.callback.call-timeout is not configured")));
  }

  /**
   * Where completion callbacks may go: public hosts only, unless listed in {@code postings.callbacks.allowed-hosts};
   * https only unless {@code postings.callbacks.allow-http} (the local profile). The worker applies the same rule again
   * at every delivery.
   */
  @Bean
  CallbackDestinations callbackDestinations(
      @Value("${postings.callbacks.allowed-hosts:}") java.util.List<String> allowedHosts,
      @Value("${postings.callbacks.allow-http:false}") boolean allowHttp) {
    return new CallbackDestinations(allowedHosts, allowHttp, CallbackDestinations.SYSTEM);
  }

  /** The request contract (JSON Schema), with the configured limits: checked on every request, published in OpenAPI. */
  @Bean
  RequestContract requestContract(ObjectMapper json, PostingPolicy policy) {
    return new RequestContract(json, policy.limits());
  }

  @Bean
  PostingService postingService(WorkflowClient client, ObjectMapper json, PostingPolicy policy,
      @Value("${postings.task-queue}") String taskQueue, SealedCardStore cardStore,
      CompletionCallback callbackPolicy, CallbackDestinations callbackDestinations, RequestContract contract,
      dev.postings.starter.connections.PostingConnections connections, PostingRegistry registry) {
    return new PostingService(client, new PostingRequestReader(json, policy.limits(), contract, connections), policy,
        taskQueue, Clock.systemUTC(), cardStore, callbackPolicy, callbackDestinations, registry);
  }

  @Bean
  TimelineService timelineService(WorkflowClient client, PostingService postings) {
    return new TimelineService(client, postings::status, Clock.systemUTC());
  }

  /**
   * Where operators list postings (the registry: keyset pages, counts, the same on every server) and where webhooks,
   * the re-drive and the waiting gauge find the postings they concern (Temporal's search attributes). On the embedded
   * server the window is how far back Temporal's executions are listed: a posting can wait as long as its approval
   * deadline allows.
   */
  @Bean
  PostingDirectory postingDirectory(WorkflowClient client, PostingRegistry registry, PostingService postings,
      @Value("${postings.webhooks.open-postings-window:400d}") java.time.Duration window) {
    return new RegistryPostingDirectory(registry, new TemporalWaitingPostings(client, Clock.systemUTC(), window),
        Clock.systemUTC(), postings::status);
  }
}
