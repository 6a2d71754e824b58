package dev.postings.architecture;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The module map's rules against the modules' own code. */
class ModuleRulesTest {

  static Stream<ArchRule> workflowRules() {
    return Arrays.stream(WorkflowCodeRules.ALL);
  }

  @ParameterizedTest
  @MethodSource("workflowRules")
  void workflowCodeIsDeterministic(ArchRule rule) {
    rule.check(Modules.classesOf("workflows"));
  }

  @Test
  void theApiServiceRunsNoToolSandboxWorkerOrAdapter() {
    ApiServiceRules.NO_TOOLS_SANDBOX_WORKER_OR_ADAPTERS.check(Modules.classesOf("starter"));
  }

  static Stream<String> modules() {
    return Modules.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void noPackageCyclesWithinAModule(String module) {
    PackageCycleRules.forModule(module).check(Modules.classesOf(module));
  }
}
