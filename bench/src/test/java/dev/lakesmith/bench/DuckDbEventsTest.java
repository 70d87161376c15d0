package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's DuckDB contestant is only a fair peer while its table is the truth: on a corpus
 * with both framings, every kind of malformed record (truncated ones inside concatenated files
 * included) and records in a DST gap and fold, its output passes the same verification as
 * Lakesmith's, and that verification fails once a single row is missing.
 */
class DuckDbEventsTest {
  static final CorpusSpec SPEC =
      CorpusSpec.defaults(300, 11L)
          .withWindow(ZoneId.of("America/New_York"), LocalDate.of(2023, 11, 1), 8)
          .withRates(0.05, 0.03, 0.01);

  @TempDir static Path tmp;
  static Path corpus;
  static GroundTruth generated;
  static BenchTruth truth;

  @BeforeAll
  static void generate() throws IOException {
    corpus = tmp.resolve("corpus");
    generated = new EventsCorpusGenerator().generate(SPEC, corpus);
    truth = BenchTruth.read(corpus);
  }

  @Test
  void corpusHasBothFramingsMalformedRecordsAndDstRecords() throws IOException {
    List<String> files;
    try (Stream<Path> paths = Files.walk(corpus.resolve(EventsCorpusGenerator.RAW_DIR))) {
      files =
          paths.filter(p -> p.toString().endsWith(".gz")).map(DuckDbEventsTest::inflate).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.contains("}{") && !f.contains("\n")));
    assertTrue(files.stream().anyMatch(f -> f.contains("}\n{")));
    String json = generated.toJson();
    assertTrue(json.contains("\"truncated\""), json);
    assertFalse(json.contains("\"truncated\" : 0") || json.contains("\"truncated\": 0"), json);
    assertTrue(json.contains("gap") && json.contains("fold"), "DST records in the truth");
  }

  @Test
  void duckDbTableIsVerifiedAgainstTheTruthAndAMissingRowFailsIt() throws Exception {
    Path table = tmp.resolve("out").resolve("events");
    DuckDbEvents.curate(corpus, table, truth.zone(), Instant.now());
    Path truthFile = corpus.resolve(EventsCorpusGenerator.TRUTH_FILE);
    String verified = DuckDbEvents.verify(table, truthFile);
    assertEquals(List.of(), truth.mismatches(verified), verified);
    assertTrue(verified.contains("_dst\t"), verified);

    dropOneRow(table);
    List<String> problems = truth.mismatches(DuckDbEvents.verify(table, truthFile));
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("partition rows differ")), problems.toString());
  }

  /** The documented reason for the text route: read_json loses the record after a truncated one. */
  @Test
  void newlineDelimitedReadJsonSwallowsTheLineAfterATruncatedRecord() throws Exception {
    Path file = tmp.resolve("truncated.json.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "{\"name\":\"a\",\"payload_md5\":\n{\"name\":\"b\",\"payload_md5\":\"x\"}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FILTER (WHERE name = 'b') FROM read_json('"
                    + file
                    + "', format = 'newline_delimited', ignore_errors = true,"
                    + " columns = {name: 'VARCHAR', payload_md5: 'VARCHAR'})")) {
      rows.next();
      assertEquals(0, rows.getLong(1), "the valid second line was read after all");
    }
  }

  private static void dropOneRow(Path table) throws Exception {
    Path victim;
    try (Stream<Path> paths = Files.walk(table)) {
      victim = paths.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().get();
    }
    Path shorter = tmp.resolve("shorter.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_parquet('"
              + victim
              + "') OFFSET 1) TO '"
              + shorter
              + "' (FORMAT parquet)");
    }
    Files.move(shorter, victim, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String inflate(Path gzip) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
