package dev.lakesmith.launcher.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, over all three modules' production classes: packages form no cycles, the
 * shared core knows neither Spark nor AWS nor either module, and the launcher plans and starts runs
 * without the job's classes or Spark's (it runs the job only as a separate jar).
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The modules' own class folders: scanning the whole test classpath (Spark, AWS) takes a
    // minute.
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(
                Path.of("../core/target/classes"),
                Path.of("../jobs/target/classes"),
                Path.of("../launcher/target/classes"));
  }

  @Test
  void allThreeModulesAreImported() {
    for (String pkg :
        List.of("dev.lakesmith.core", "dev.lakesmith.jobs", "dev.lakesmith.launcher")) {
      assertTrue(classes.containPackage(pkg), pkg + " missing: build the modules first");
    }
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.lakesmith.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCoreDependsOnNoModuleAndNoEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.lakesmith.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lakesmith.jobs..",
            "dev.lakesmith.launcher..",
            "org.apache.spark..",
            "org.apache.hadoop..",
            "org.apache.iceberg..",
            "software.amazon..",
            "scala..")
        .check(classes);
  }

  @Test
  void theLauncherUsesNeitherTheJobsClassesNorSpark() {
    noClasses()
        .that()
        .resideInAPackage("dev.lakesmith.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lakesmith.jobs..", "org.apache.spark..", "org.apache.hadoop..", "scala..")
        .check(classes);
  }

  @Test
  void theJobDoesNotReachIntoTheLauncher() {
    noClasses()
        .that()
        .resideInAPackage("dev.lakesmith.jobs..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.lakesmith.launcher..")
        .check(classes);
  }
}
