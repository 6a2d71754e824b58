package dev.postings.starter.bodylimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The limit per route family, refused by Content-Length unread and cut off while streaming: a chunked body is read no
 * further than one byte past the limit, however long it is.
 */
class BodyLimitFilterTest {

  private final BodyLimitFilter filter = new BodyLimitFilter(new RequestBodyLimits(DataSize.ofBytes(1024),
      DataSize.ofBytes(4096), DataSize.ofBytes(256), DataSize.ofBytes(65536)));

  @Test
  void eachRouteFamilyHasItsLimitMatchedAsSpringMvcMatchesRoutes() {
    assertThat(filter.limitFor(request("POST", "/api/postings"))).isEqualTo(1024);
    assertThat(filter.limitFor(request("POST", "/webhooks/propexo"))).isEqualTo(4096);
    assertThat(filter.limitFor(request("POST", "/internal/card-vault/cv_1/redeem"))).isEqualTo(256);
    assertThat(filter.limitFor(request("POST", "/api/batches/day-1"))).isEqualTo(65536);
    assertThat(filter.limitFor(request("GET", "/api/batches/day-1"))).isEqualTo(1024);
    assertThat(filter.limitFor(request("POST", "/api/batches/day-1/results"))).isEqualTo(1024);
    // what MVC would route to the webhook is the webhook's family, whatever the spelling
    assertThat(filter.limitFor(request("POST", "/%77ebhooks/propexo"))).isEqualTo(4096);
    assertThat(filter.limitFor(request("GET", "/console/index.html"))).isEqualTo(1024);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413AndNothingIsRead() throws Exception {
    AtomicLong read = new AtomicLong();
    MockHttpServletRequest request = withBody("/internal/card-vault/cv_1/redeem", endless(read), 257);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString()).contains("\"field\":\"body\"").contains("at most 256 bytes");
    assertThat(chain.getRequest()).isNull();
    assertThat(read.get()).isZero();
  }

  @Test
  void aChunkedBodyIsReadNoFurtherThanOneBytePastTheLimit() throws Exception {
    AtomicLong read = new AtomicLong();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(withBody("/api/postings", endless(read), -1), new MockHttpServletResponse(), chain);

    InputStream body = chain.getRequest().getInputStream();
    assertThatThrownBy(body::readAllBytes).isInstanceOf(BodyTooLarge.class)
        .satisfies(tooLarge -> assertThat(((BodyTooLarge) tooLarge).answer().message())
            .isEqualTo("must be at most 1024 bytes"));
    assertThat(read.get()).isEqualTo(1025);
    assertThatThrownBy(() -> chain.getRequest().getReader().read()).isInstanceOf(BodyTooLarge.class);
  }

  @Test
  void aBodyWithinTheLimitIsHandedOnWhole() throws Exception {
    byte[] sent = new byte[4096];
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(withBody("/webhooks/propexo", new ByteArrayInputStream(sent), -1), new MockHttpServletResponse(),
        chain);

    assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(sent);
  }

  private static MockHttpServletRequest request(String method, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setRequestURI(uri);
    return request;
  }

  /** A request with this body and declared length (-1: none, as a chunked body arrives). */
  private static MockHttpServletRequest withBody(String uri, InputStream body, long declared) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", uri) {
      @Override
      public long getContentLengthLong() {
        return declared;
      }

      @Override
      public int getContentLength() {
        return (int) declared;
      }

      @Override
      public ServletInputStream getInputStream() {
        return new ServletInputStream() {
          @Override
          public int read() throws java.io.IOException {
            return body.read();
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
    };
    return request;
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
}
