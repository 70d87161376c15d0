package dev.lakesmith.bench;

import dev.lakesmith.core.JobFailure;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two built jars the benchmark starts child JVMs from: this tool's own jar (corpus generator,
 * DuckDB contestant; its manifest names DuckDB in {@code lib/}) and the product's {@code
 * lakesmith.jar}, which is what is timed, so that the benchmark measures exactly what users run.
 *
 * @param bench {@code bench/target/lakesmith-bench.jar}
 * @param launcher {@code launcher/target/lakesmith.jar}, or the one given
 */
record Jars(Path bench, Path launcher) {
  static final String BUILD = "mvn -B -DskipTests package (from the repository root)";

  /** {@code launcherJar} may be null: then the one the same reactor build wrote. */
  static Jars locate(Path launcherJar) {
    Path bench = benchJar();
    Path launcher = launcherJar != null ? launcherJar : builtNextTo(bench);
    if (!Files.isRegularFile(launcher)) {
      throw JobFailure.config(
          "no launcher jar at " + launcher + ": run " + BUILD + ", or pass --launcher-jar");
    }
    return new Jars(bench, launcher);
  }

  /**
   * {@code <root>/bench/target/lakesmith-bench.jar} → {@code <root>/launcher/target/lakesmith.jar}.
   */
  static Path builtNextTo(Path benchJar) {
    return benchJar.resolveSibling("../../launcher/target/lakesmith.jar").normalize();
  }

  private static Path benchJar() {
    try {
      Path location =
          Path.of(Jars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw JobFailure.config(
            "benchmark runs from the built jar: "
                + BUILD
                + ", then java -jar bench/target/lakesmith-bench.jar benchmark");
      }
      return location.toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
