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

/**
 * The benchmark's other contestant, run as its own process: DuckDB (JDBC, found through {@code
 * DriverManager}: DuckDB is a runtime-only dependency of the bench) curating an events corpus the
 * way the curate job does, and counting any curated events table for verification.
 *
 * <pre>
 * curate CORPUS OUT ZONE   writes OUT/name=/d=/*.parquet
 * verify TABLE TRUTH       prints "partition TAB rows TAB distinct keys" lines and "_dst TAB n TAB ok"
 * </pre>
 */
public final class DuckDbEvents {
  static final String CURATE_SQL = "lakesmith/bench/duckdb-events.sql";
  static final String VERIFY_SQL = "lakesmith/bench/verify-events.sql";

  private DuckDbEvents() {}

  public static void main(String[] args) throws SQLException, IOException {
    if (args.length == 4 && args[0].equals("curate")) {
      String glob = Path.of(args[1], EventsCorpusGenerator.RAW_DIR, "*", "*", "*").toString();
      Files.createDirectories(Path.of(args[2]).getParent());
      String validUntil = Instant.now().plus(Duration.ofDays(2)).toString();
      execute(
          sql(
              CURATE_SQL,
              Map.of("glob", glob, "out", args[2], "zone", args[3], "valid_until", validUntil)),
          false);
    } else if (args.length == 3 && args[0].equals("verify")) {
      execute(sql(VERIFY_SQL, Map.of("table", args[1], "truth", args[2])), true);
    } else {
      System.err.println(
          "usage: DuckDbEvents curate CORPUS OUT ZONE | verify TABLE TRUTH (got "
              + String.join(" ", args)
              + ")");
      System.exit(2);
    }
  }

  private static void execute(String sql, boolean print) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      if (!print) {
        statement.execute(sql);
        return;
      }
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          System.out.println(rows.getString(1) + "\t" + rows.getLong(2) + "\t" + rows.getLong(3));
        }
      }
    }
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
      text = text.replace("${" + value.getKey() + "}", value.getValue().replace("'", "''"));
    }
    return text;
  }
}
