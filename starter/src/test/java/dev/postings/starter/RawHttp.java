package dev.postings.starter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that the request target reaches the server byte for byte: Java's HttpClient and
 * java.net.URI normalise or refuse some of the paths an attacker sends ({@code ;x}, {@code %2F}, {@code /../}, a
 * backslash). One request per connection ({@code Connection: close}); loopback only.
 */
final class RawHttp {

  /** An answer: status, headers by lower-case name (the last one wins), body as text. */
  record Answer(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean isJson() {
      String type = header("content-type");
      return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    @Override
    public String toString() {
      return status + " " + headers.getOrDefault("content-type", "") + " " + body;
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** {@code method target} with the given extra header lines ("Name: value") and body (null: none). */
  Answer send(String method, String target, byte[] body, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Connection: close\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** A body sent chunked (no Content-Length), in chunks of {@code chunkSize}; the server may answer before the end. */
  Answer sendChunked(String method, String target, byte[] body, int chunkSize, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Connection: close\r\n")
        .append("Transfer-Encoding: chunked\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += chunkSize) {
      int length = Math.min(chunkSize, body.length - at);
      chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(body, at, length);
      chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), chunked.toByteArray());
  }

  private Answer exchange(byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException answeredEarly) {
          // the server refused the request before reading all of it (an oversized body) and closed: read its answer
        }
      }
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, read);
      }
    } catch (java.net.SocketException reset) {
      // a connection reset after the answer (the server closed with our body unread): keep what arrived
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int endOfHead = text.indexOf("\r\n\r\n");
    if (endOfHead < 0) {
      throw new IOException("no complete answer: " + text);
    }
    String[] lines = text.substring(0, endOfHead).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, endOfHead + 4, raw.length);
    byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at);
      if (lineEnd < 0) {
        break;
      }
      String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
