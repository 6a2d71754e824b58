package dev.postings.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The API service (starter) holds card data and faces callers: nothing of the local tools, the provider sandbox, the
 * worker or the provider adapters runs in it. Maven keeps them off its compile class path; this rule says why and
 * fails if someone puts them back.
 */
final class ApiServiceRules {

  static final ArchRule NO_TOOLS_SANDBOX_WORKER_OR_ADAPTERS = noClasses()
      .that().resideInAPackage("dev.postings.starter..")
      .should().dependOnClassesThat(Modules.fromModule("tools")
          .or(Modules.fromModule("sandbox"))
          .or(Modules.fromModule("worker"))
          .or(Modules.fromModule("activities")))
      .because("the API service is its own jar: test tooling and provider calls stay out of the process that holds"
          + " card data (docs/decisions/0019-modules-by-what-runs.md)");

  private ApiServiceRules() {}
}
