package dev.postings.starter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.starter.logging.PostingLogContextWiring.PostingIdInContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The starter's API calls on a posting log with its id in the logging context, only for the length of the call, and
 * only an id of the shape the API accepts (a hostile path is not copied into the logs).
 */
class PostingLogContextWiringTest {

  private final PostingIdInContext interceptor = new PostingIdInContext();
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void thePostingIdOfTheRouteIsInTheContextDuringTheCallAndGoneAfter() {
    MockHttpServletRequest request = routed("pw-0007");

    assertThat(interceptor.preHandle(request, response, new Object())).isTrue();
    assertThat(MDC.get("postingId")).isEqualTo("pw-0007");

    interceptor.afterCompletion(request, response, new Object(), null);
    assertThat(MDC.get("postingId")).isNull();
  }

  @Test
  void aPathThatIsNoPostingIdIsNotCopiedIntoTheLogs() {
    for (String hostile : new String[] {"pw-1\n{\"level\":\"ERROR\"}", "x".repeat(65), "../etc", "a b", ""}) {
      assertThat(interceptor.preHandle(routed(hostile), response, new Object())).isTrue();
      assertThat(MDC.get("postingId")).as(hostile).isNull();
    }
  }

  @Test
  void aRouteWithoutAPostingIdAddsNothing() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/postings");
    assertThat(interceptor.preHandle(request, response, new Object())).isTrue();
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private static MockHttpServletRequest routed(String postingId) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/postings/" + postingId + "/resolve");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("postingId", postingId));
    return request;
  }
}
