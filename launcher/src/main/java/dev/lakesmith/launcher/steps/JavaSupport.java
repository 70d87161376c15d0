package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The Java versions Spark 4.1 runs on (17 and 21): a local step on any other fails late and
 * obscurely (module access errors, unsupported class files), so the launcher refuses up front.
 */
public final class JavaSupport {
  static final List<Integer> SUPPORTED = List.of(17, 21);

  private JavaSupport() {}

  /** Refuses (exit 2) unless {@code version} is a supported Java, e.g. "17.0.9" or "21". */
  public static void require(String version, String which) {
    int feature = feature(version);
    if (!SUPPORTED.contains(feature)) {
      throw JobFailure.config(
          "Spark 4.1 runs on Java 17 or 21, not on Java "
              + version
              + " ("
              + which
              + "); run the launcher with, or point JAVA_HOME at, a Java 17 or 21 installation");
    }
  }

  /** The feature release of a {@code java.version} string: "17.0.9" is 17, "1.8.0_392" is 8. */
  static int feature(String version) {
    String[] parts = version.trim().split("[^0-9]+", -1);
    try {
      int first = Integer.parseInt(parts[0]);
      return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The version a Java installation declares in its {@code release} file, if it has one. */
  static Optional<String> versionOf(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(release)) {
      properties.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(properties.getProperty("JAVA_VERSION"))
        .map(v -> v.replace("\"", ""));
  }
}
