package dev.postings.starter.api;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.postings.model.FieldError;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.caller.ApiRole;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * What the controller refuses before the posting service sees the body (found by BadInputEndToEndTest: a body of any
 * content type was read as JSON and posted, and bytes that are not UTF-8 were posted as U+FFFD).
 */
class PostingControllerTest {

  private final PostingService postings = mock(PostingService.class);
  private final WorkflowClient temporal = mock(WorkflowClient.class);
  private final MockMvc api = MockMvcBuilders.standaloneSetup(
      new PostingController(postings, mock(dev.postings.directory.PostingDirectory.class),
          mock(dev.postings.starter.timeline.TimelineService.class), new org.springframework.beans.factory.support
          .StaticListableBeanFactory().getBeanProvider(dev.postings.starter.reversal.PostingReversals.class),
          new com.fasterxml.jackson.databind.ObjectMapper()),
      new PostingActionsController(temporal, postings, new org.springframework.beans.factory.support
          .StaticListableBeanFactory().getBeanProvider(dev.postings.starter.reversal.PostingReversals.class),
          new com.fasterxml.jackson.databind.ObjectMapper(), new dev.postings.starter.contract.RequestContract(
              new com.fasterxml.jackson.databind.ObjectMapper(), dev.postings.model.PostingLimits.defaults())))
      .setControllerAdvice(new ApiFailures())
      // the caller as the security chain leaves it (the chain itself is tested over HTTP: PathVariantTest and others)
      .setCustomArgumentResolvers(new AuthenticationPrincipalArgumentResolver()).build();

  @BeforeEach
  void anOperatorCalls() {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
        new ApiCaller("ops", ApiRole.OPERATOR, "ops"), null, ApiRole.OPERATOR.authority()));
  }

  @AfterEach
  void forgetTheCaller() {
    SecurityContextHolder.clearContext();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "application/octet-stream", "text/json",
      "application/x-www-form-urlencoded"})
  void aBodyThatIsNotDeclaredJsonIs415(String contentType) throws Exception {
    api.perform(post("/api/postings").contentType(contentType).content("{}"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.errors[0].field").value("Content-Type"))
        .andExpect(jsonPath("$.errors[0].message").value("must be application/json"));

    verifyNoInteractions(postings);
  }

  @Test
  void aBodyWithoutAContentTypeIs415() throws Exception {
    api.perform(post("/api/postings").content("{}"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.errors[0].field").value("Content-Type"));

    verifyNoInteractions(postings);
  }

  @Test
  void bytesThatAreNotUtf8Are400() throws Exception {
    byte[] body = {'{', '"', 'd', '"', ':', '"', (byte) 0xc3, '(', '"', '}'};

    api.perform(post("/api/postings").contentType("application/json").content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"))
        .andExpect(jsonPath("$.errors[0].message").value("is not valid UTF-8"));

    verifyNoInteractions(postings);
  }

  @Test
  void utf8JsonReachesTheServiceAsText() throws Exception {
    Mockito.when(postings.start(any(), any())).thenReturn(new PostingService.StartOutcome.Invalid(
        List.of(new FieldError("postingId", "is required"))));

    api.perform(post("/api/postings").contentType("application/json;charset=UTF-8")
            .content("{\"description\":\"J\u00fcrgen\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .andExpect(status().isBadRequest());

    Mockito.verify(postings).start("{\"description\":\"J\u00fcrgen\"}", "ops");
  }

  /** An operator action's body that Jackson cannot bind was a 500 ("internal error"): it is the caller's fault. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"recordId\":", "[", "not json", "{\"recordId\" \"rp_1\"}", "{\"recordId\":\"rp_",
      "{\"recordId\":\"rp_1\",\"note\":tru"})
  void aMalformedActionBodyIs400(String body) throws Exception {
    api.perform(post("/api/postings/pw-1/resolve").contentType("application/json").content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"))
        .andExpect(jsonPath("$.errors[0].message").value("is not valid JSON"));

    verifyNoInteractions(temporal);
  }

  @Test
  void anActionFieldOfTheWrongTypeIsNamed() throws Exception {
    api.perform(post("/api/postings/pw-1/resolve").contentType("application/json")
            .content("{\"recordId\":{\"id\":\"4111111111111111\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("recordId"))
        .andExpect(content().string(not(containsString("4111111111111111"))));

    verifyNoInteractions(temporal);
  }

  @Test
  void aWrongMethodIs405WithTheAllowedOnes() throws Exception {
    api.perform(put("/api/postings").contentType("application/json").content("{}"))
        .andExpect(status().isMethodNotAllowed())
        // GET lists postings, POST starts one
        .andExpect(header().string("Allow", allOf(containsString("GET"), containsString("POST"))))
        .andExpect(jsonPath("$.errors[0].field").value("method"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("POST")));
  }
}
