package dev.lakesmith.launcher.steps;

import dev.lakesmith.jobs.JobFailure;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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

  static final List<String> JAVA_17_FLAGS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-modules=jdk.incubator.vector",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private final Optional<Path> sparkHome;
  private final LocalSettings settings;

  public LocalSpark(Optional<Path> sparkHome, LocalSettings settings) {
    this.sparkHome = sparkHome;
    this.settings = settings;
  }

  public static LocalSpark fromEnvironment(LocalSettings settings) {
    String home = System.getenv("SPARK_HOME");
    return new LocalSpark(
        home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home)), settings);
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
  Optional<ClassDataArchive> classDataArchive(Path jobJar) {
    if (sparkHome.isPresent() || !settings.classDataSharing()) {
      return Optional.empty();
    }
    return Optional.of(ClassDataArchive.forClasspath(sparkClasspath(), jobJar));
  }

  List<String> command(
      JobStep step,
      Path jobJar,
      Map<String, String> stepConf,
      Optional<ClassDataArchive> classData) {
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
    stepConf.forEach((key, value) -> sparkArgs.addAll(List.of("--conf", key + "=" + value)));
    if (sparkHome.isPresent()) {
      command.add(sparkHome.get().resolve("bin/spark-submit").toString());
      command.addAll(List.of("--driver-memory", settings.driverMemory()));
      if (!settings.javaOptions().isEmpty()) {
        command.addAll(List.of("--driver-java-options", String.join(" ", settings.javaOptions())));
      }
    } else {
      command.add(javaExecutable());
      command.addAll(JAVA_17_FLAGS);
      command.add("-Xmx" + settings.driverMemory());
      classData.ifPresent(archive -> command.addAll(archive.jvmFlags()));
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

  static String sparkClasspath() {
    return resolvedClasspath(CLASSPATH_RESOURCE);
  }

  /** A classpath Maven wrote into the launcher jar at build time, checked to still exist. */
  public static String resolvedClasspath(String resource) {
    String classpath;
    try (InputStream in = resource(resource)) {
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
              + "); rebuild with `mvn -DskipTests package`"
              + (resource.equals(CLASSPATH_RESOURCE) ? " or set SPARK_HOME" : ""));
    }
    return classpath;
  }

  /** The job jar embedded in this launcher, copied once to a content-addressed file. */
  public static Path jobJar() {
    try {
      Path tmp = Files.createTempFile("lakesmith-jobs", ".jar");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(resource(JOB_JAR_RESOURCE), sha)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
      Path dir =
          Path.of(
              System.getProperty("java.io.tmpdir"), "lakesmith-" + System.getProperty("user.name"));
      Files.createDirectories(dir);
      Path jar = dir.resolve("lakesmith-jobs-" + hash + ".jar");
      if (Files.exists(jar) && Files.size(jar) == Files.size(tmp)) {
        Files.delete(tmp);
      } else {
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the job jar", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
