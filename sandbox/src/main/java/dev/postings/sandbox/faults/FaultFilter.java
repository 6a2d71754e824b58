package dev.postings.sandbox.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.faults.FaultInjector.Fault;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Puts the {@link FaultInjector}'s decisions in front of every simulated provider API (Propexo under {@code /v1},
 * Acquaint's 17.0 API, storEDGE's {@code /v1}). It is the outermost filter: a fault before the request is applied
 * (5xx, 429) answers in place of the provider; a fault after it lets the provider process the request into a buffer,
 * and only when that was a 2xx (the write really applied) drops the answer: a 5xx instead, a connection closed at
 * once, or one held past the client's timeout and then closed. A held request sleeps on its own Tomcat thread, so the
 * rest of the sandbox keeps answering.
 */
@Configuration
public class FaultFilter {

  private static final Logger log = LoggerFactory.getLogger(FaultFilter.class);
  /** Request attribute holding the Tomcat hook that closes the connection without writing the response. */
  static final String CLOSE_NOW = FaultFilter.class.getName() + ".closeNow";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sandboxFaultFilter(FaultInjector injector, ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Injecting(injector, json));
    registration.addUrlPatterns("/v1/*", "/acquaint/17.0/*", "/storedge/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  /**
   * A servlet cannot close its connection without answering, Tomcat can: this valve hands the filter a hook that aborts
   * the connection (Tomcat's CLOSE_NOW action: nothing more is written, the socket is closed).
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> sandboxConnectionAbort() {
    return factory -> factory.addContextValves(new ValveBase(true) {
      @Override
      public void invoke(Request request, Response response) throws IOException, ServletException {
        request.setAttribute(CLOSE_NOW,
            (Runnable) () -> response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null));
        getNext().invoke(request, response);
      }
    });
  }

  static final class Injecting extends OncePerRequestFilter {

    private final FaultInjector injector;
    private final ObjectMapper json;

    Injecting(FaultInjector injector, ObjectMapper json) {
      this.injector = injector;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      FaultScope scope = FaultScope.of(request);
      Fault fault = scope == null ? null : injector.draw(scope);
      if (fault == null) {
        chain.doFilter(request, response);
        return;
      }
      switch (fault.kind()) {
        case LATENCY -> {
          injector.injected(fault);
          sleep(fault.duration());
          chain.doFilter(request, response);
        }
        case RATE_LIMITED -> {
          injector.injected(fault);
          long seconds = Math.max(1, (fault.duration().toMillis() + 999) / 1000);
          response.setHeader("Retry-After", String.valueOf(seconds));
          reply(response, scope, 429);
        }
        case ERROR_BEFORE_APPLY -> {
          injector.injected(fault);
          reply(response, scope, 500);
        }
        default -> afterApply(request, response, chain, fault);
      }
    }

    private void afterApply(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Fault fault)
        throws ServletException, IOException {
      ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
      chain.doFilter(request, buffered);
      int status = buffered.getStatus();
      if (status < 200 || status >= 300) {
        // Refused (or not a write that applied): the fault does not apply; the client gets the provider's answer.
        injector.notApplied(fault);
        buffered.copyBodyToResponse();
        return;
      }
      injector.injected(fault);
      log.info("sandbox fault: {} {} applied, answered with {}", request.getMethod(), request.getRequestURI(),
          fault.kind());
      switch (fault.kind()) {
        case ERROR_AFTER_APPLY -> {
          response.reset();
          reply(response, fault.scope(), 500);
        }
        case HOLD_PAST_TIMEOUT -> {
          sleep(fault.duration());
          closeNow(request);
        }
        default -> closeNow(request);
      }
    }

    private void reply(HttpServletResponse response, FaultScope scope, int status) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      json.writeValue(response.getOutputStream(), scope.errorBody(status));
    }

    private static void closeNow(HttpServletRequest request) {
      Object hook = request.getAttribute(CLOSE_NOW);
      if (!(hook instanceof Runnable close)) {
        throw new IllegalStateException("closing a connection without an answer needs Tomcat");
      }
      close.run();
    }

    private static void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
