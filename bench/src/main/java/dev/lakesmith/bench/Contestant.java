package dev.lakesmith.bench;

import dev.lakesmith.launcher.steps.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side of the benchmark: the whole-process command that curates a corpus, and where under its
 * output the table's Parquet files sit ({@code name=/d=/} directories).
 *
 * @param format the Lakesmith table format ({@code parquet} or {@code iceberg}); empty for DuckDB
 */
record Contestant(
    String name,
    String format,
    List<String> prefix,
    List<String> suffix,
    Optional<Path> ownCorpus) {
  static final String TABLE_DIR = "events";

  /** The Iceberg table's data directory under a local run's output (Hadoop catalog). */
  static final String ICEBERG_DATA_DIR = "_iceberg/lakesmith/events/data";

  static final List<String> FORMATS = List.of("parquet", "iceberg");

  boolean lakesmith() {
    return !format.isEmpty();
  }

  /**
   * The directory whose {@code name=/d=/*.parquet} files are the curated table: after one run into
   * an empty output, an Iceberg table's data files are exactly its current snapshot.
   */
  Path table(Path output) {
    return format.equals("iceberg") ? output.resolve(ICEBERG_DATA_DIR) : output.resolve(TABLE_DIR);
  }

  /**
   * {@code java -jar lakesmith.jar local --skip-register ...}: launcher JVM, Spark JVM, curate step
   * (DuckDB registers nothing either).
   */
  static Contestant lakesmith(Path launcherJar, String format, List<String> overrides) {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          "table format '" + format + "' is unknown: pass --formats with parquet and/or iceberg");
    }
    return new Contestant(
        format.equals("parquet") ? "lakesmith" : "lakesmith-" + format,
        format,
        local(launcherJar, true),
        confs(format, overrides),
        Optional.empty());
  }

  /**
   * The fixed cost: {@code local} on the small sample corpus (Parquet), curate only or curate and
   * register, timed beside the smallest scale's DuckDB run.
   */
  static Contestant sample(
      Path launcherJar, Path sampleCorpus, boolean register, List<String> overrides) {
    return new Contestant(
        register ? "lakesmith-sample+register" : "lakesmith-sample",
        "parquet",
        local(launcherJar, !register),
        confs("parquet", overrides),
        Optional.of(sampleCorpus));
  }

  private static List<String> local(Path launcherJar, boolean skipRegister) {
    List<String> command =
        new ArrayList<>(
            List.of(LocalSpark.javaExecutable(), "-jar", launcherJar.toString(), "local"));
    if (skipRegister) {
      command.add("--skip-register");
    }
    return command;
  }

  private static List<String> confs(String format, List<String> overrides) {
    List<String> confs = new ArrayList<>();
    confs.addAll(List.of("--conf", "lakesmith.datasets.events.table-format=" + format));
    overrides.forEach(o -> confs.addAll(List.of("--conf", o)));
    return confs;
  }

  /** {@link DuckDbEvents} in its own JVM; the bench jar's manifest puts DuckDB JDBC on its path. */
  static Contestant duckdb(Path benchJar) {
    return new Contestant(
        "duckdb",
        "",
        List.of(
            LocalSpark.javaExecutable(), "-cp", benchJar.toString(), DuckDbEvents.class.getName()),
        List.of(),
        Optional.empty());
  }

  List<String> curate(Path corpus, Path out, String zone) {
    List<String> command = new ArrayList<>(prefix);
    if (lakesmith()) {
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
