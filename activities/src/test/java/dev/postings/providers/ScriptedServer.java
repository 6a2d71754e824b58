package dev.postings.providers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 server on a loopback socket that reads each request whole and then does what the test scripted, down
 * to the socket: answer, close with a reset, or hold the connection without answering. What {@code HttpServer} cannot
 * do (a reset after the request arrived) is what a provider's lost answer looks like from our side.
 */
final class ScriptedServer implements AutoCloseable {

  /** What the server does with one request it has read. */
  @FunctionalInterface
  interface Script {
    void play(Received request, Socket socket) throws IOException;
  }

  /** One request as the server read it. */
  record Received(String method, String target, Map<String, String> headers, String body) {}

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<Script> scripts;

  /** Plays {@code scripts} to the requests in turn, the last one to every request after. */
  ScriptedServer(Script... scripts) throws IOException {
    this.scripts = List.of(scripts);
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    connections.execute(this::accept);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  List<Received> received() {
    return received;
  }

  /** Answers {@code status} with {@code headers} and {@code body}, then closes the connection. */
  static Script answer(int status, Map<String, String> headers, String body) {
    return (request, socket) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
          .append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      socket.close();
    };
  }

  /** Closes the connection with a TCP reset once the request is in: sent, and no answer will ever come. */
  static Script reset() {
    return (request, socket) -> {
      socket.setSoLinger(true, 0);
      socket.close();
    };
  }

  /** Holds the connection without answering until the client gives up (its timeout) or the server closes. */
  static Script hold() {
    return (request, socket) -> {
      while (socket.getInputStream().read() >= 0) {
        // the client sends nothing more; wait for it to close
      }
    };
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        connections.execute(() -> serve(connection));
      } catch (IOException closing) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      Received request = read(connection.getInputStream());
      int index;
      synchronized (received) {
        received.add(request);
        index = received.size() - 1;
      }
      scripts.get(Math.min(index, scripts.size() - 1)).play(request, connection);
    } catch (IOException gone) {
      // the client gave up first (its timeout): nothing to do
    }
  }

  private static Received read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the client closed before the request was whole");
      }
      head.write(next);
      matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0").trim());
    byte[] body = in.readNBytes(length);
    return new Received(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], headers,
        new String(body, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : open) {
      connection.close();
    }
    connections.shutdownNow();
  }
}
