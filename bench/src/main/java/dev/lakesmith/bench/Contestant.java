package dev.lakesmith.bench;

import dev.lakesmith.launcher.steps.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of the benchmark: the whole-process command that curates a corpus into {@code
 * <out>/events}.
 */
record Contestant(String name, List<String> prefix, List<String> suffix) {
  static final String TABLE_DIR = "events";

  /**
   * {@code java -jar lakesmith.jar local --skip-register ...}: launcher JVM, Spark JVM, curate step
   * (DuckDB registers nothing either).
   */
  static Contestant lakesmith(Path launcherJar, List<String> overrides) {
    List<String> confs = new ArrayList<>();
    overrides.forEach(o -> confs.addAll(List.of("--conf", o)));
    return new Contestant(
        "lakesmith",
        List.of(
            LocalSpark.javaExecutable(),
            "-jar",
            launcherJar.toString(),
            "local",
            "--skip-register"),
        confs);
  }

  /** {@link DuckDbEvents} in its own JVM; the bench jar's manifest puts DuckDB JDBC on its path. */
  static Contestant duckdb(Path benchJar) {
    return new Contestant(
        "duckdb",
        List.of(
            LocalSpark.javaExecutable(), "-cp", benchJar.toString(), DuckDbEvents.class.getName()),
        List.of());
  }

  List<String> curate(Path corpus, Path out, String zone) {
    List<String> command = new ArrayList<>(prefix);
    if (name.equals("lakesmith")) {
      command.addAll(
          List.of("--dataset", "events", "--input", corpus.toString(), "--output", out.toString()));
    } else {
      command.addAll(List.of("curate", corpus.toString(), out.resolve(TABLE_DIR).toString(), zone));
    }
    command.addAll(suffix);
    return command;
  }

  /** DuckDB's {@code verify} of a curated table against a corpus's truth (DuckDB only). */
  List<String> verify(Path table, Path corpus) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            "verify",
            table.toString(),
            corpus.resolve(EventsCorpusGenerator.TRUTH_FILE).toString()));
    return command;
  }
}
