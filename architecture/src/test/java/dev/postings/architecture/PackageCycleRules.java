package dev.postings.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

/** Within a module, packages depend on each other one way: every package is a slice, and no slices form a cycle. */
final class PackageCycleRules {

  private PackageCycleRules() {}

  static SliceRule noPackageCycles() {
    return slices().matching("dev.postings.(**)").namingSlices("$1")
        .should().beFreeOfCycles()
        .because("a package is a capability a newcomer can read on its own, from the bottom up");
  }

  /**
   * The rule for {@code module}. The workflows module has two known cycles, each through one class, left out here by
   * name so that any other dependency that closes a cycle still fails: {@code PostingPaths} (dev.postings.workflow)
   * picks each provider's path while the paths implement {@code PostingPath} from the same package, and
   * {@code Compensation} (how a posting undoes what landed) starts the reversal workflow whose order carries the
   * posting's policy. Each goes once the chooser and the reversal's start move below what they choose
   * (docs/decisions/0019-modules-by-what-runs.md).
   */
  static ArchRule forModule(String module) {
    if (!module.equals("workflows")) {
      return noPackageCycles();
    }
    return noPackageCycles()
        .ignoreDependency(name("dev.postings.workflow.PostingPaths"), resideInAnyPackage(
            "dev.postings.workflow.acquaint..", "dev.postings.workflow.propexo..", "dev.postings.workflow.storedge.."))
        .ignoreDependency(name("dev.postings.workflow.Compensation"), resideInAPackage("dev.postings.reversal.."));
  }
}
