package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.SparkJavaFlags;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start Spark on this machine: a real {@code spark-submit} when {@code SPARK_HOME} is set,
 * otherwise {@code SparkSubmit} on the Spark classpath Maven resolved at build time, with the Java
 * 17 module flags Spark needs (org.apache.spark.launcher.JavaModuleOptions).
 */
public final class LocalSpark {
  static final String JOB_JAR_RESOURCE = "lakesmith/lakesmith-jobs.jar";
  static final String CLASSPATH_RESOURCE = "lakesmith/spark-classpath.txt";

  private final Optional<Path> sparkHome;
  private final LocalSettings settings;

  public LocalSpark(Optional<Path> sparkHome, LocalSettings settings) {
    this.sparkHome = sparkHome;
    this.settings = settings;
  }

  public LocalSettings settings() {
    return settings;
  }

  /** Spark as the environment sets it up, refused (exit 2) on a Java Spark 4.1 does not run on. */
  public static LocalSpark fromEnvironment(LocalSettings settings) {
    Optional<Path> sparkHome = pathOf(System.getenv("SPARK_HOME"));
    checkJava(
        sparkHome,
        pathOf(System.getenv("JAVA_HOME")),
        System.getProperty("java.version"),
        System.getProperty("java.home"));
    return new LocalSpark(sparkHome, settings);
  }

  /**
   * Checks the Java the steps will run on: this JVM's (Spark from the build's classpath), or
   * JAVA_HOME's for a {@code SPARK_HOME}'s spark-submit (with neither JAVA_HOME nor a {@code
   * release} file there, spark-submit's own choice is not second-guessed).
   */
  static void checkJava(
      Optional<Path> sparkHome, Optional<Path> javaHome, String ownVersion, String ownHome) {
    if (sparkHome.isEmpty()) {
      JavaSupport.require(ownVersion, "the Java running the launcher, " + ownHome);
      return;
    }
    javaHome.ifPresent(
        home ->
            JavaSupport.versionOf(home)
                .ifPresent(
                    v ->
                        JavaSupport.require(
                            v, "JAVA_HOME " + home + ", used by SPARK_HOME's spark-submit")));
  }

  private static Optional<Path> pathOf(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The full command line of one step. */
  public List<String> command(JobStep step, Path jobJar) {
    return command(step, jobJar, Map.of());
  }

  /** The full command line of one step with extra spark-submit {@code --conf}s for this step. */
  public List<String> command(JobStep step, Path jobJar, Map<String, String> stepConf) {
    return command(step, jobJar, stepConf, Optional.empty());
  }

  /**
   * The class-data sharing archive for steps started by this runner: only for Spark started from
   * the build's classpath (a {@code SPARK_HOME} installation is left as it is), when enabled.
   */
  Optional<ClassDataArchive> classDataArchive(Path jobJar, LocalFiles files) {
    if (sparkHome.isPresent() || !settings.classDataSharing()) {
      return Optional.empty();
    }
    return Optional.of(ClassDataArchive.forClasspath(sparkClasspath(), jobJar, files));
  }

  List<String> command(
      JobStep step,
      Path jobJar,
      Map<String, String> stepConf,
      Optional<ClassDataArchive> classData) {
    return command(step, jobJar, stepConf, classData, List.of());
  }

  /** … with extra JVM flags for the step's driver (e.g. its log configuration). */
  List<String> command(
      JobStep step,
      Path jobJar,
      Map<String, String> stepConf,
      Optional<ClassDataArchive> classData,
      List<String> driverFlags) {
    List<String> command = new ArrayList<>();
    List<String> sparkArgs =
        new ArrayList<>(
            List.of(
                "--master",
                settings.master(),
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--class",
                step.mainClass()));
    settings
        .sparkConf()
        .forEach((key, value) -> sparkArgs.addAll(List.of("--conf", key + "=" + value)));
    stepConf.forEach((key, value) -> sparkArgs.addAll(List.of("--conf", key + "=" + value)));
    if (sparkHome.isPresent()) {
      command.add(sparkHome.get().resolve("bin/spark-submit").toString());
      command.addAll(List.of("--driver-memory", settings.driverMemory()));
      List<String> javaOptions = new ArrayList<>(driverFlags);
      javaOptions.addAll(settings.javaOptions());
      if (!javaOptions.isEmpty()) {
        command.addAll(List.of("--driver-java-options", String.join(" ", javaOptions)));
      }
    } else {
      command.add(javaExecutable());
      command.addAll(SparkJavaFlags.list());
      command.add("-Xmx" + settings.driverMemory());
      classData.ifPresent(archive -> command.addAll(archive.jvmFlags()));
      command.addAll(driverFlags);
      command.addAll(settings.javaOptions());
      command.addAll(List.of("-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit"));
    }
    command.addAll(sparkArgs);
    command.add(jobJar.toString());
    command.addAll(step.args());
    return command;
  }

  public static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The classpath Maven wrote into the launcher jar at build time, checked to still exist. */
  static String sparkClasspath() {
    String classpath;
    try (InputStream in = resource(CLASSPATH_RESOURCE)) {
      classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing =
        Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !Files.exists(Path.of(entry)))
            .toList();
    if (!missing.isEmpty()) {
      throw JobFailure.config(
          "the jars resolved at build time are gone (e.g. "
              + missing.get(0)
              + "); rebuild with `mvn -DskipTests package` or set SPARK_HOME");
    }
    return classpath;
  }

  /** The job jar embedded in this launcher, verified, in this build's private folder. */
  public static Path jobJar() {
    return LocalFiles.forThisBuild().jobJar();
  }

  static InputStream resource(String name) {
    InputStream in = LocalSpark.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw JobFailure.config(
          name + " is missing from the launcher jar; rebuild with `mvn -DskipTests package`");
    }
    return in;
  }
}
