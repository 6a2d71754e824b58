package dev.postings.tools.local;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local default Temporal: the Java test server on a real port and the real clock (time skipping locked: never skip
 * time under a running service, docs/temporal-server.md#real-clock). Unlike {@code TestServer.createPortBoundServer},
 * which listens on every interface, this binds one address (127.0.0.1 by default). State is in memory: a restart of
 * this process loses every workflow, a restart of a worker loses none. Run it in its own process, never in a worker's.
 */
public final class LocalTemporalServer implements Closeable {

  /** Our custom search attributes: the server must know them before any workflow upserts them. */
  public static final Map<String, IndexedValueType> SEARCH_ATTRIBUTES = Map.of(
      "PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      "PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      "PostingOwner", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      "ReversalState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private final TestServicesStarter services;
  private final Server server;
  private final String target;

  private LocalTemporalServer(TestServicesStarter services, Server server, String target) {
    this.services = services;
    this.server = server;
    this.target = target;
  }

  /** Starts the server on {@code host:port} (port 0: any free port) and registers the search attributes. */
  public static LocalTemporalServer start(String host, int port, String namespace) throws IOException {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    TestServerLockEvents.searchFromNewest(services);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    LocalTemporalServer local = new LocalTemporalServer(services, server, host + ":" + server.getPort());
    try {
      local.registerSearchAttributes(namespace);
    } catch (RuntimeException failed) {
      local.close();
      throw failed;
    }
    return local;
  }

  public String target() {
    return target;
  }

  public int port() {
    return server.getPort();
  }

  /** The test server's list of time-skipping lock events (see {@link TestServerLockEvents}), for tests. */
  Object timeLockEvents() throws ReflectiveOperationException {
    return TestServerLockEvents.lockEvents(services);
  }

  private void registerSearchAttributes(String namespace) {
    // A plain gRPC channel: the SDK's OperatorServiceStubs need client options (metrics scope, headers) we don't use.
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      OperatorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace)
              .putAllSearchAttributes(SEARCH_ATTRIBUTES)
              .build());
    } finally {
      channel.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    services.close();
  }
}
