package dev.postings.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule of {@link ModuleRulesTest} fails against code that breaks it (the fixtures under
 * dev.postings.workflow.violations, dev.postings.starter.violations and dev.postings.architecture.cycle): a rule that
 * passes against the real modules passes because they keep it, not because it looks at nothing.
 */
class RulesCatchViolationsTest {

  private static JavaClasses fixture(String className) throws ClassNotFoundException {
    return new ClassFileImporter().importClasses(Class.forName(className));
  }

  private static void assertCaught(ArchRule rule, JavaClasses classes, String offender) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(result.getFailureReport().toString()).contains(offender);
  }

  @ParameterizedTest
  @CsvSource({
      "NO_WALL_CLOCK, Violations$ReadsTheWallClock",
      "NO_WALL_CLOCK, Violations$ReadsTheSystemClock",
      "NO_RANDOM, Violations$DrawsItsOwnRandomness",
      "NO_THREADS, Violations$SleepsOnAThread",
      "NO_HTTP, Violations$CallsHttpItself",
      "NO_SPRING, Violations$IsASpringBean"})
  void eachWorkflowRuleCatchesItsViolation(String rule, String fixture) throws Exception {
    ArchRule checked = (ArchRule) WorkflowCodeRules.class.getDeclaredField(rule).get(null);
    String name = "dev.postings.workflow.violations." + fixture;
    assertCaught(checked, fixture(name), name);
  }

  @ParameterizedTest
  @CsvSource({
      "ApiViolations$StartsTheLocalTemporalServer, dev.postings.tools.local.LocalTemporalServer",
      "ApiViolations$HoldsAProviderAdapter, dev.postings.acquaint.AcquaintAdapter",
      "ApiViolations$StartsTheSandbox, dev.postings.sandbox.SandboxApplication",
      "ApiViolations$StartsAWorker, dev.postings.worker.WorkerApplication"})
  void theApiRuleCatchesEachModuleItMustNotUse(String fixture, String forbidden) throws Exception {
    assertCaught(ApiServiceRules.NO_TOOLS_SANDBOX_WORKER_OR_ADAPTERS,
        fixture("dev.postings.starter.violations." + fixture), forbidden);
  }

  @Test
  void theApiRuleLetsTheWorkflowContractAndTheSharedDirectoryThrough() {
    // the starter uses both: a rule that refused them would be wrong, not strict
    JavaClasses starter = Modules.classesOf("starter");
    assertThat(starter.contain("dev.postings.starter.PostingsConfiguration")).isTrue();
    assertThat(ApiServiceRules.NO_TOOLS_SANDBOX_WORKER_OR_ADAPTERS.evaluate(starter).hasViolation()).isFalse();
  }

  @Test
  void theCycleRuleCatchesTwoPackagesThatUseEachOther() {
    JavaClasses classes = new ClassFileImporter().importPackages("dev.postings.architecture.cycle");
    assertCaught(PackageCycleRules.noPackageCycles(), classes, "architecture.cycle.ping");
  }

  @Test
  void theWorkflowsExceptionsLeaveEveryOtherCycleCaught() {
    JavaClasses classes = new ClassFileImporter().importPackages("dev.postings.architecture.cycle");
    assertCaught(PackageCycleRules.forModule("workflows"), classes, "architecture.cycle.pong");
  }
}
