package dev.lakesmith.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmark's other contestant, run as its own process: DuckDB (JDBC, found through {@code
 * DriverManager}: DuckDB is a runtime-only dependency of the bench) curating an events corpus the
 * way the curate job does, and counting any curated events table for verification. DuckDB runs at
 * its defaults (threads = cores, memory limit 80% of RAM) with insertion order not preserved, in a
 * database file beside the table it writes; {@code duckdb-events.sql} says why it reads the files
 * as text rather than with {@code read_json} and why it dedupes in three statements.
 *
 * <pre>
 * curate CORPUS OUT ZONE   writes OUT/name=/d=/*.parquet; prints "duckdb: ..." timing lines
 * verify TABLE TRUTH       prints "partition TAB rows TAB distinct keys" lines and "_dst TAB n TAB ok"
 * </pre>
 */
public final class DuckDbEvents {
  static final String CURATE_SQL = "lakesmith/bench/duckdb-events.sql";
  static final String VERIFY_SQL = "lakesmith/bench/verify-events.sql";
  private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

  private DuckDbEvents() {}

  public static void main(String[] args) throws SQLException, IOException {
    if (args.length == 4 && args[0].equals("curate")) {
      curate(Path.of(args[1]), Path.of(args[2]), args[3], Instant.now().plus(Duration.ofDays(2)));
    } else if (args.length == 3 && args[0].equals("verify")) {
      System.out.print(verify(Path.of(args[1]), Path.of(args[2])));
    } else {
      System.err.println(
          "usage: DuckDbEvents curate CORPUS OUT ZONE | verify TABLE TRUTH (got "
              + String.join(" ", args)
              + ")");
      System.exit(2);
    }
  }

  /** Curates {@code corpus} into {@code out}, the Parquet table partitioned by name and d. */
  static void curate(Path corpus, Path out, String zone, Instant validUntil)
      throws SQLException, IOException {
    long start = System.nanoTime();
    Path raw = corpus.resolve(EventsCorpusGenerator.RAW_DIR);
    long line = Math.max(1L << 20, GzipSizes.largestInflated(raw) + 1024);
    long sized = System.nanoTime();
    Files.createDirectories(out.getParent());
    execute(
        sql(
            CURATE_SQL,
            Map.of(
                "glob", raw.resolve("*").resolve("*").resolve("*").toString(),
                "out", out.toString(),
                "zone", zone,
                "valid_until", validUntil.toString(),
                "max_line", Long.toString(line),
                "buffer", Long.toString(2 * line))),
        out.resolveSibling("_duckdb"));
    long done = System.nanoTime();
    System.out.printf(
        "duckdb: gzip trailers %d ms (longest line %,d bytes); SQL %d ms; in-process %d ms%n",
        (sized - start) / 1_000_000, line, (done - sized) / 1_000_000, (done - start) / 1_000_000);
  }

  /**
   * Runs the curate SQL's statements (each ends with a semicolon at the end of a line) in a fresh
   * database file under {@code work}, which also takes what spills past DuckDB's memory limit.
   */
  private static void execute(String sql, Path work) throws SQLException, IOException {
    Files.createDirectories(work);
    Path database = work.resolve("curate.duckdb");
    Files.deleteIfExists(database);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET temp_directory = '" + quoted(work.resolve("spill")) + "'");
      // COPY ... PARTITION_BY need not keep input order; keeping it costs memory and time
      statement.execute("SET preserve_insertion_order = false");
      for (String each : STATEMENT_END.split(sql)) {
        if (!each.isBlank()) {
          statement.execute(each);
        }
      }
    }
  }

  /** {@code text} inside a single-quoted SQL string literal. */
  private static String quoted(Object text) {
    return text.toString().replace("'", "''");
  }

  /** The verify query's output lines for {@code table} against a corpus truth file. */
  static String verify(Path table, Path truth) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      try (ResultSet rows =
          statement.executeQuery(
              sql(VERIFY_SQL, Map.of("table", table.toString(), "truth", truth.toString())))) {
        while (rows.next()) {
          out.append(rows.getString(1))
              .append('\t')
              .append(rows.getLong(2))
              .append('\t')
              .append(rows.getLong(3))
              .append('\n');
        }
      }
    }
    return out.toString();
  }

  static String sql(String resource, Map<String, String> values) {
    String text;
    try (InputStream in = DuckDbEvents.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the bench jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", quoted(value.getValue()));
    }
    return text;
  }
}
