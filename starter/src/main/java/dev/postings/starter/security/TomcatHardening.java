package dev.postings.starter.security;

import dev.postings.starter.errors.ErrorResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers by itself, before any filter of ours runs (a request line it cannot parse, a path it cannot
 * normalise such as one that climbs above the root, TRACE), is JSON like every other refusal, never Tomcat's HTML page.
 * Tomcat parses no form body (no route takes one). And an encoded slash ({@code %2F}) is passed on as it came instead of refused here, so that the security chain's
 * firewall refuses it with its own 400 (it refuses every encoded slash, so nothing is decoded into a path separator).
 */
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(connector -> {
      connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
      // No route reads a form: Tomcat parses none (it would read a form body itself, around our body limits).
      // (server.tomcat.max-http-form-post-size cannot say 0: Spring Boot takes 0 for "not set".)
      connector.setMaxPostSize(0);
    });
    // after Spring Boot's own customizer, which adds an HTML ErrorReportValve to the host (server.error.*)
    factory.addContextCustomizers(context -> {
      Container host = context.getParent();
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      if (host instanceof StandardHost standard) {
        standard.setErrorReportValveClass(JsonErrorReport.class.getName());
      }
      host.getPipeline().addValve(new JsonErrorReport());
    });
  }

  /** Tomcat's error report in the API's JSON: a fixed sentence per status, nothing of the request repeated. */
  public static final class JsonErrorReport extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(true);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      String reason = response.getMessage() == null ? "" : response.getMessage();
      ErrorResponse answer = switch (status) {
        // Tomcat's "Invalid URI": a path it cannot decode or normalise (%00, a backslash, a climb above the root)
        case 400 -> reason.contains("URI") ? ErrorResponse.of("path", "cannot be decoded or is not in canonical form")
            : ErrorResponse.of("request", "is malformed");
        case 405 -> ErrorResponse.withoutFields("method_not_allowed", "this method is not allowed here");
        case 413 -> ErrorResponse.withoutFields("too_large", "the request is too large");
        case 414, 431 -> ErrorResponse.withoutFields("too_large", "the request's URI or headers are too large");
        case 404 -> ErrorResponse.withoutFields("not_found", "no such route");
        default -> ErrorResponse.withoutFields(status >= 500 ? "internal" : "invalid", "the request failed");
      };
      try {
        response.setContentType("application/json");
        response.setCharacterEncoding("utf-8");
        Writer writer = response.getReporter();
        if (writer != null) { // null: the answer was committed already
          writer.write(answer.toJson());
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException cannotAnswer) {
        // the connection is gone or the answer is already under way: nothing more to say
      }
    }
  }
}
