package dev.postings.starter.violations;

import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.tools.local.LocalTemporalServer;
import dev.postings.worker.WorkerApplication;

/** API code that reaches into each module it must not, once, for {@code RulesCatchViolationsTest}. Never run. */
final class ApiViolations {

  private ApiViolations() {}

  static final class StartsTheLocalTemporalServer {
    Object server() throws Exception {
      return LocalTemporalServer.start("127.0.0.1", 0, "default");
    }
  }

  static final class HoldsAProviderAdapter {
    AcquaintAdapter adapter;
  }

  static final class StartsTheSandbox {
    Object sandbox() {
      return SandboxApplication.start();
    }
  }

  static final class StartsAWorker {
    Object worker() {
      return WorkerApplication.start();
    }
  }
}
