package dev.postings.worker.logging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The posting's id, provider and step in every log line written for it (the Temporal Spring Boot starter hands every
 * {@code WorkerInterceptor} bean to the worker factory). JSON lines for a log pipeline:
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} (or {@code logstash}, {@code gelf}), Spring Boot's structured logging,
 * which writes these as fields.
 */
@Configuration
public class LoggingWiring {

  @Bean
  PostingLogContext postingLogContext() {
    return new PostingLogContext();
  }
}
