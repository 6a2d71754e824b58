package dev.postings.starter.logging;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every log line the starter writes while answering an API call on one posting ({@code /api/postings/{postingId}} and
 * its timeline and actions) carries {@code postingId} in the logging context (SLF4J's MDC), as the worker's lines do. A
 * JSON log format ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}) writes it as a field. The id is the path's, as Spring
 * matched it to a route, and only when it has the shape of a posting id (what the API accepts at start): a caller's
 * path of any other shape is not copied into the logs. Nothing of the body is read.
 */
@Configuration
public class PostingLogContextWiring implements WebMvcConfigurer {

  static final String POSTING_ID = "postingId";
  /** The posting id's shape at start (PostingValidator): at most 64 characters, no spaces or separators of log lines. */
  private static final Pattern POSTING_ID_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new PostingIdInContext()).addPathPatterns("/api/postings/*", "/api/postings/*/**");
  }

  /** Puts the route's {@code postingId} into the context before the handler runs and takes it out after. */
  static final class PostingIdInContext implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
      Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
      if (variables instanceof Map<?, ?> map && map.get(POSTING_ID) instanceof String postingId
          && POSTING_ID_SHAPE.matcher(postingId).matches()) {
        MDC.put(POSTING_ID, postingId);
      }
      return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
        Exception failure) {
      MDC.remove(POSTING_ID);
    }
  }
}
