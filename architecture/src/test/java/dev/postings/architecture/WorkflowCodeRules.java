package dev.postings.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URLConnection;
import java.time.Clock;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * What workflow code may not do. A workflow is replayed from its history on any worker at any time, so its code must
 * decide the same way every time: time from {@code Workflow.currentTimeMillis()}, randomness from
 * {@code Workflow.newRandom()}/{@code Workflow.randomUUID()}, waiting from {@code Workflow.sleep}/{@code Promise}, and
 * every call to the outside world through an activity. Spring has no place there either: the worker registers the
 * implementations, they are not beans (docs/architecture.md).
 */
final class WorkflowCodeRules {

  /** The workflow packages of the workflows module: the posting, the reversal, the re-drive and Propexo's notices. */
  static final String[] WORKFLOW_PACKAGES = {"dev.postings.workflow..", "dev.postings.reversal..",
      "dev.postings.redrive..", "dev.postings.webhook.."};

  private static final Set<String> WALL_CLOCK_TYPES = Set.of("java.time.Instant", "java.time.LocalDate",
      "java.time.LocalDateTime", "java.time.LocalTime", "java.time.OffsetDateTime", "java.time.ZonedDateTime",
      "java.time.Year", "java.time.YearMonth");

  private static final DescribedPredicate<JavaMethodCall> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
      "reads the wall clock (Instant.now, System.currentTimeMillis, System.nanoTime, ...)", call -> {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return (name.equals("now") && WALL_CLOCK_TYPES.contains(owner))
            || (owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime")));
      });

  private static final DescribedPredicate<JavaMethodCall> DRAWS_RANDOMNESS = DescribedPredicate.describe(
      "draws randomness outside the workflow's (Math.random, UUID.randomUUID)", call ->
          (call.getTargetOwner().isEquivalentTo(Math.class) && call.getName().equals("random"))
              || (call.getTargetOwner().isEquivalentTo(UUID.class) && call.getName().equals("randomUUID")));

  static final ArchRule NO_SPRING = noClasses().that().resideInAnyPackage(WORKFLOW_PACKAGES)
      .should().dependOnClassesThat().resideInAPackage("org.springframework..")
      .because("workflow code is registered with the worker, not wired by Spring");

  static final ArchRule NO_HTTP = noClasses().that().resideInAnyPackage(WORKFLOW_PACKAGES)
      .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.apache.hc..", "org.apache.http..",
          "okhttp3..")
      .orShould().dependOnClassesThat().areAssignableTo(URLConnection.class)
      .orShould().dependOnClassesThat().areAssignableTo(HttpURLConnection.class)
      .orShould().dependOnClassesThat().areAssignableTo(Socket.class)
      .because("every call to a provider or a service is an activity, recorded in the history");

  static final ArchRule NO_WALL_CLOCK = noClasses().that().resideInAnyPackage(WORKFLOW_PACKAGES)
      .should().callMethodWhere(READS_THE_WALL_CLOCK)
      .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
      .because("a replay must see the time the history saw: Workflow.currentTimeMillis()");

  static final ArchRule NO_RANDOM = noClasses().that().resideInAnyPackage(WORKFLOW_PACKAGES)
      .should().dependOnClassesThat().areAssignableTo(Random.class)
      .orShould().callMethodWhere(DRAWS_RANDOMNESS)
      .because("a replay must draw the same numbers: Workflow.newRandom(), Workflow.randomUUID()");

  static final ArchRule NO_THREADS = noClasses().that().resideInAnyPackage(WORKFLOW_PACKAGES)
      .should().dependOnClassesThat().areAssignableTo(Thread.class)
      .orShould().dependOnClassesThat().areAssignableTo(Executor.class)
      .orShould().dependOnClassesThat().belongToAnyOf(Executors.class, CompletableFuture.class)
      .because("the SDK runs workflow code on its own threads: Workflow.sleep, Async and Promise instead");

  static final ArchRule[] ALL = {NO_SPRING, NO_HTTP, NO_WALL_CLOCK, NO_RANDOM, NO_THREADS};

  private WorkflowCodeRules() {}
}
