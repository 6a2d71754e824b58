package dev.postings.starter.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.batch.BatchListing;
import dev.postings.batch.BatchStore;
import dev.postings.starter.api.PostingRequestReader;
import dev.postings.starter.api.PostingService;
import dev.postings.starter.contract.RequestContract;
import dev.postings.workflow.PostingPolicy;
import io.temporal.payload.codec.PayloadCodec;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settlement batches: the store in the registry's database, the intake, and the background starts. */
@Configuration
@EnableConfigurationProperties(BatchSettings.class)
public class BatchWiring {

  @Bean
  BatchStore batchStore(DataSource registry) {
    return new BatchStore(registry);
  }

  @Bean
  BatchListing batchListing(DataSource registry) {
    return new BatchListing(registry);
  }

  @Bean
  BatchSeal batchSeal(PayloadCodec payloadCodec) {
    return new BatchSeal(payloadCodec);
  }

  @Bean
  BatchIntake batchIntake(BatchStore store, BatchSeal seal, BatchSettings settings, ObjectMapper json,
      PostingPolicy policy, RequestContract contract) {
    return new BatchIntake(store, new BatchFileReader(settings.maxRows(), settings.maxLineBytes()),
        new BatchRowCheck(new PostingRequestReader(json, policy.limits(), contract), policy, Clock.systemUTC()), seal,
        Clock.systemUTC(), settings.listedErrors());
  }

  /** One thread per API instance looks for waiting rows; instances share the work through the rows' locks. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService batchStarts(BatchStore store, BatchSeal seal, PostingService postings,
      BatchSettings settings) {
    ScheduledExecutorService starts = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "batch-starts");
      thread.setDaemon(true);
      return thread;
    });
    BatchStarts look = new BatchStarts(store, seal, postings::start, settings.startsPerLook(), Clock.systemUTC());
    long every = settings.startEvery().toMillis();
    starts.scheduleWithFixedDelay(look, every, every, TimeUnit.MILLISECONDS);
    return starts;
  }
}
