package dev.postings.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The modules of the reactor, each read from its own compiled classes (the reactor builds them before this module, whose
 * test scope depends on every one), so a rule sees exactly one module's main code, never its tests.
 */
final class Modules {

  /** Every module with main code. */
  static final List<String> ALL = List.of("workflows", "shared", "activities", "sandbox", "worker", "starter",
      "client", "cli", "tools");

  private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  private Modules() {}

  /** The main classes of {@code module}, from {@code <module>/target/classes}. */
  static JavaClasses classesOf(String module) {
    return IMPORTED.computeIfAbsent(module, name -> {
      Path classes = Path.of("..", name, "target", "classes").toAbsolutePath().normalize();
      if (!Files.isDirectory(classes)) {
        throw new IllegalStateException(classes + " is missing: build the module first (mvn -pl architecture -am test)");
      }
      return new ClassFileImporter().importPath(classes);
    });
  }

  /**
   * Classes that come from {@code module}: where the class file is found on this test's class path (the module's
   * target/classes in the reactor, or its jar). By location, not by package, because some packages are spread over
   * several modules (dev.postings.callback, dev.postings.redrive, dev.postings.webhook).
   */
  static DescribedPredicate<JavaClass> fromModule(String module) {
    return DescribedPredicate.describe("come from the " + module + " module", type -> {
      URL location = ClassLoader.getSystemClassLoader().getResource(
          type.getName().replace('.', '/') + ".class");
      if (location == null) {
        return false;
      }
      String where = location.toString();
      return where.contains("/" + module + "/target/classes/") || where.contains("/" + module + "-0.1.0-SNAPSHOT")
          || where.contains("/dev/postings/" + module + "/");
    });
  }
}
