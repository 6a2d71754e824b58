package dev.postings.workflow.violations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Random;

/**
 * Workflow code that breaks each rule once, in a workflow package, for {@code RulesCatchViolationsTest}: proof that a
 * rule which passes against the real code would fail if the real code did this. Never registered, never run.
 */
final class Violations {

  private Violations() {}

  static final class ReadsTheWallClock {
    long deadline() {
      return Instant.now().plusSeconds(60).toEpochMilli();
    }
  }

  static final class ReadsTheSystemClock {
    long started() {
      return System.currentTimeMillis();
    }
  }

  static final class DrawsItsOwnRandomness {
    int jitter() {
      return new Random().nextInt(100);
    }
  }

  static final class SleepsOnAThread {
    void pause() throws InterruptedException {
      Thread.sleep(10);
    }
  }

  static final class CallsHttpItself {
    int status() throws Exception {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  @org.springframework.stereotype.Component
  static final class IsASpringBean {}
}
