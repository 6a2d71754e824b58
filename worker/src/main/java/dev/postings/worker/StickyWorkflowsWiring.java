package dev.postings.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sticky workflow tasks off ({@code postings.worker.sticky-workflows=false}; the local profile sets it). A worker keeps
 * the workflows it ran in a cache and asks the server for their next tasks on its own sticky queue; if the worker dies,
 * a cluster moves those tasks back to the normal queue after the sticky schedule-to-start timeout. The embedded Java
 * test server never does (its TestWorkflowMutableStateImpl has no sticky schedule-to-start timer, seen in the chaos
 * run): a task already queued for a SIGKILLed worker waits forever, and so does every query of that posting. With a
 * zero timeout the SDK sends no sticky attributes, so every task goes to the normal queue and any worker takes it, at
 * the price of a full history replay per task. On a cluster keep it on.
 */
@Configuration
public class StickyWorkflowsWiring {

  @Bean
  WorkerOptionsCustomizer stickyWorkflows(@Value("${postings.worker.sticky-workflows:true}") boolean sticky) {
    return (builder, workerName, taskQueue) -> sticky ? builder
        : builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
  }
}
