package dev.postings.starter.bodylimit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The request with a body that cannot be read past its limit: whoever reads it (a filter, Spring's message converters)
 * gets {@link BodyTooLarge} at the first byte over, whatever Content-Length said or did not say. Nothing is read here
 * ahead of the reader: an unauthenticated call is refused before its body is touched.
 */
final class BoundedBodyRequest extends HttpServletRequestWrapper {

  private final long limit;
  private ServletInputStream bounded;
  private BufferedReader reader;

  BoundedBodyRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (bounded == null) {
      bounded = new Bounded(super.getInputStream(), limit);
    }
    return bounded;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    if (reader == null) {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
    return reader;
  }

  /** Counts what passes and refuses the byte after the limit. */
  private static final class Bounded extends ServletInputStream {

    private final ServletInputStream body;
    private final long limit;
    private long read;

    Bounded(ServletInputStream body, long limit) {
      this.body = body;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int next = body.read();
      if (next >= 0) {
        count(1);
      }
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      // never ask for more than one byte past the limit: the rest of a huge body stays unread
      int wanted = (int) Math.min(length, Math.max(1, limit + 1 - read));
      int got = body.read(buffer, offset, wanted);
      if (got > 0) {
        count(got);
      }
      return got;
    }

    private void count(int bytes) throws BodyTooLarge {
      read += bytes;
      if (read > limit) {
        throw new BodyTooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return body.isFinished();
    }

    @Override
    public boolean isReady() {
      return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      body.setReadListener(listener);
    }
  }
}
