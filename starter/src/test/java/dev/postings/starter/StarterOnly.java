package dev.postings.starter;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.postings.tools.local.LocalTemporalServer;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter alone (local profile, no worker, no sandbox, no scheduled re-drive) on a free port, connected to its own
 * loopback Temporal server, with a {@link HandlerSpy}: for tests of what the front door lets through. Whatever a test
 * sends, {@link #workflowIds()} then says whether anything started.
 */
final class StarterOnly implements AutoCloseable {

  final LocalTemporalServer temporal;
  final ConfigurableApplicationContext starter;
  final HandlerSpy handlers;
  final int port;
  final URI url;
  final RawHttp raw;
  private final WorkflowServiceStubs service;

  StarterOnly(String... args) throws Exception {
    temporal = LocalTemporalServer.start("127.0.0.1", 0, "default");
    List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=local",
        "--spring.temporal.connection.target=" + temporal.target(), "--postings.redrive.scheduled=false",
        "--postings.reconciliation.schedule.scheduled=false"));
    all.addAll(List.of(args));
    starter = new SpringApplicationBuilder(StarterApplication.class, HandlerSpy.class)
        .properties("spring.config.name=starter")
        .run(all.toArray(String[]::new));
    handlers = starter.getBean(HandlerSpy.class);
    port = Integer.parseInt(starter.getEnvironment().getProperty("local.server.port"));
    url = URI.create("http://127.0.0.1:" + port);
    raw = new RawHttp(port);
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  /**
   * Every workflow the server knows, open or closed, of any type. (The test server has no visibility queries; these two
   * listings it has, given a start-time filter.)
   */
  List<String> workflowIds() {
    return workflowIds(service);
  }

  /** Every workflow (open or closed, of any type) the server behind {@code service} knows. */
  static List<String> workflowIds(WorkflowServiceStubs service) {
    StartTimeFilter anyTime = StartTimeFilter.newBuilder()
        .setEarliestTime(Timestamp.newBuilder().setSeconds(0))
        .setLatestTime(Timestamp.newBuilder().setSeconds(Instant.now().plus(Duration.ofDays(1)).getEpochSecond()))
        .build();
    List<String> ids = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse open = service.blockingStub().listOpenWorkflowExecutions(
          ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace("default").setMaximumPageSize(1000)
              .setStartTimeFilter(anyTime).setNextPageToken(page).build());
      open.getExecutionsList().stream().map(WorkflowExecutionInfo::getExecution)
          .forEach(e -> ids.add(e.getWorkflowId()));
      page = open.getNextPageToken();
    } while (!page.isEmpty());
    do {
      ListClosedWorkflowExecutionsResponse closed = service.blockingStub().listClosedWorkflowExecutions(
          ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace("default").setMaximumPageSize(1000)
              .setStartTimeFilter(anyTime).setNextPageToken(page).build());
      closed.getExecutionsList().stream().map(WorkflowExecutionInfo::getExecution)
          .forEach(e -> ids.add(e.getWorkflowId()));
      page = closed.getNextPageToken();
    } while (!page.isEmpty());
    return ids;
  }

  @Override
  public void close() {
    service.shutdownNow();
    starter.close();
    temporal.close();
  }
}
