package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.JobFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local steps start only on a Java Spark 4.1 runs on (17, 21). */
class JavaSupportTest {
  @TempDir Path tmp;

  private Path javaHome(String version) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("jdk-" + version));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @ParameterizedTest
  @CsvSource({"17.0.9, 17", "21, 21", "21.0.2+13-LTS, 21", "25-ea, 25", "1.8.0_392, 8", "x, -1"})
  void featureReleaseOfAVersionString(String version, int feature) {
    assertEquals(feature, JavaSupport.feature(version));
  }

  @Test
  void theLaunchersOwnJavaRunsSparkWithoutSparkHome() {
    LocalSpark.checkJava(Optional.empty(), Optional.empty(), "17.0.9", "/jdk17");
    LocalSpark.checkJava(Optional.empty(), Optional.empty(), "21.0.2", "/jdk21");

    JobFailure refused =
        assertThrows(
            JobFailure.class,
            () -> LocalSpark.checkJava(Optional.empty(), Optional.empty(), "25.0.1", "/jdk25"));

    assertEquals(JobFailure.BAD_USAGE, refused.exitCode());
    assertEquals(
        "Spark 4.1 runs on Java 17 or 21, not on Java 25.0.1 (the Java running the launcher,"
            + " /jdk25); run the launcher with, or point JAVA_HOME at, a Java 17 or 21"
            + " installation",
        refused.getMessage());
  }

  @Test
  void withSparkHomeTheJavaOfJavaHomeIsChecked() throws Exception {
    Optional<Path> spark = Optional.of(tmp.resolve("spark"));
    LocalSpark.checkJava(spark, Optional.of(javaHome("21.0.2")), "25", "/jdk25");
    LocalSpark.checkJava(spark, Optional.of(tmp.resolve("no-release")), "25", "/jdk25");
    Path java11 = javaHome("11.0.20");

    JobFailure refused =
        assertThrows(
            JobFailure.class,
            () -> LocalSpark.checkJava(spark, Optional.of(java11), "17.0.9", "/jdk17"));

    assertEquals(
        "Spark 4.1 runs on Java 17 or 21, not on Java 11.0.20 (JAVA_HOME "
            + java11
            + ", used by SPARK_HOME's spark-submit); run the launcher with, or point JAVA_HOME"
            + " at, a Java 17 or 21 installation",
        refused.getMessage());
  }
}
