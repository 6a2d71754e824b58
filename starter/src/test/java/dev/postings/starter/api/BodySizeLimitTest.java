package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Found by BadInputEndToEndTest's chunked huge bodies: they were refused, but only after being read whole. */
class BodySizeLimitTest {

  private static final int LIMIT = 1024;
  private final BodySizeLimit filter = new BodySizeLimit(LIMIT, new ObjectMapper());

  @Test
  void aChunkedBodyIsReadNoFurtherThanOneByteOverTheLimit() throws Exception {
    AtomicLong read = new AtomicLong();
    MockHttpServletRequest request = chunked(endless(read));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("\"field\":\"body\"").contains("at most " + LIMIT);
    assertThat(chain.getRequest()).isNull(); // nothing behind the filter ran
    assertThat(read.get()).isEqualTo(LIMIT + 1);
  }

  @Test
  void aChunkedBodyWithinTheLimitReachesTheApplicationWhole() throws Exception {
    byte[] body = "{\"postingId\":\"pw-1\"}".getBytes();
    MockHttpServletRequest request = chunked(new java.io.ByteArrayInputStream(body));
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isNotNull();
    assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(body);
    assertThat(chain.getRequest().getContentLengthLong()).isEqualTo(body.length);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
    AtomicLong read = new AtomicLong();
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/postings") {
      @Override
      public long getContentLengthLong() {
        return LIMIT + 1;
      }

      @Override
      public ServletInputStream getInputStream() {
        return servletStream(endless(read));
      }
    };
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(read.get()).isZero();
  }

  /** A request without a Content-Length, as a chunked body arrives. */
  private static MockHttpServletRequest chunked(InputStream body) {
    return new MockHttpServletRequest("POST", "/api/postings") {
      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public int getContentLength() {
        return -1;
      }

      @Override
      public ServletInputStream getInputStream() {
        return servletStream(body);
      }
    };
  }

  /** A body that never ends, counting what was read of it. */
  private static InputStream endless(AtomicLong read) {
    return new InputStream() {
      @Override
      public int read() {
        read.incrementAndGet();
        return 'x';
      }
    };
  }

  private static ServletInputStream servletStream(InputStream in) {
    return new ServletInputStream() {
      @Override
      public int read() throws java.io.IOException {
        return in.read();
      }

      @Override
      public boolean isFinished() {
        return false;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {}
    };
  }
}
