package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading fails the run when the storage fails, and quarantines only bytes that are bad: a
 * connection reset is no reason to drop a file's records into one quarantine row, a truncated gzip
 * file is.
 */
class ReadFailureCurationTest {
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();
  private EventsFixture raw;

  @BeforeEach
  void registerFaultyScheme() {
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs." + FaultyFileSystem.SCHEME + ".impl", FaultyFileSystem.class.getName());
    raw = new EventsFixture(tmp.resolve("raw"));
  }

  @AfterEach
  void healStorage() {
    FaultyFileSystem.reset();
  }

  /** Records with random padding, so their gzip file spans many reads. */
  private static List<String> records(String prefix, int count) {
    java.util.Random random = new java.util.Random(prefix.hashCode());
    List<String> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder pad = new StringBuilder();
      for (int j = 0; j < 8; j++) {
        pad.append(Long.toString(random.nextLong() >>> 1, 36));
      }
      records.add(
          EventsFixture.record(
              "page_view",
              String.format("2023-06-18 14:%02d:%02d.000000", i / 60 % 60, i % 60),
              "{\"session_id\":\"" + prefix + i + "\",\"pad\":\"" + pad + "\"}"));
    }
    return records;
  }

  private RunManifest curate(String input, Path out) {
    return new CurateRun(spark, new PrintStream(new ByteArrayOutputStream(), true))
        .run(
            new CurateOptions(
                "events",
                Optional.of(input),
                Optional.of(out.toString()),
                Optional.of("2023-06"),
                Optional.empty(),
                List.of(),
                List.of()));
  }

  @Test
  void anIoErrorWhileReadingFailsTheRunNamingTheFileAndQuarantinesNothing() throws Exception {
    raw.file("page_view", "2023-06-18", "good.gz", false, records("g", 50));
    raw.file("page_view", "2023-06-18", "flaky-storage.gz", false, records("f", 4000));
    FaultyFileSystem.failReads("flaky-storage", 5);
    Path out = tmp.resolve("out");

    String failure = failureText(() -> curate(FaultyFileSystem.SCHEME + ":" + raw.root(), out));

    assertTrue(failure.contains("flaky-storage.gz"), failure);
    assertTrue(failure.contains("injected: Connection reset by peer"), failure);
    assertFalse(Files.exists(out.resolve("_quarantine")), "no quarantine for a storage error");
    assertFalse(Files.exists(out.resolve("events")), "nothing published");
  }

  /**
   * The run's failure as reported: a job driver may turn it into a FAILED manifest or let it
   * propagate, and reports it by the root of the exception chain, which must name the file and the
   * cause.
   */
  private static String failureText(java.util.function.Supplier<RunManifest> run) {
    try {
      RunManifest manifest = run.get();
      assertEquals(RunManifest.FAILED, manifest.status(), "the run must fail");
      return manifest.error();
    } catch (Exception e) { // a SparkException, which Scala throws undeclared
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getMessage();
    }
  }

  @Test
  void aTruncatedGzipFileIsOneQuarantineRowAndKeepsTheRecordsBeforeTheBreak() throws Exception {
    raw.file("page_view", "2023-06-18", "good.gz", false, records("g", 300));
    Path cut = raw.file("page_view", "2023-06-18", "cut.gz", false, records("c", 2000));
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    Path corrupt = raw.file("page_view", "2023-06-19", "corrupt.gz", false, records("z", 50));
    byte[] header = Files.readAllBytes(corrupt);
    header[2] = 7; // gzip knows only compression method 8 (deflate)
    Files.write(corrupt, header);
    Path out = tmp.resolve("out");

    RunManifest manifest = curate(raw.root().toString(), out);

    assertEquals(RunManifest.SUCCEEDED, manifest.status(), manifest.error());
    List<Row> quarantined = spark.read().json(manifest.outputs().quarantine()).collectAsList();
    assertEquals(2, quarantined.size());
    long keptFromCut =
        spark
            .read()
            .parquet(out.resolve("events").toString())
            .filter("_source_file like '%cut.gz'")
            .count();
    assertTrue(keptFromCut > 100 && keptFromCut < 2000, "kept " + keptFromCut);
    Row cutRow = rowOf(quarantined, "cut.gz");
    assertEquals(
        "unreadable file: gzip data ends inside a member (the file was cut short) (after "
            + keptFromCut
            + " records, which were kept)",
        cutRow.getAs("reason"));
    assertEquals(keptFromCut, (long) cutRow.<Long>getAs("record_index"));
    assertEquals(
        "unreadable file: gzip data is corrupt: Unsupported compression method 7 in the .gz"
            + " header",
        rowOf(quarantined, "corrupt.gz").getAs("reason"));
    assertEquals(300 + keptFromCut + 2, manifest.counts().read());
    assertEquals(2, manifest.counts().quarantined());
    assertEquals(
        List.of(new RunManifest.ReasonCount("unreadable file", 2, cutRow.getAs("reason"))),
        manifest.quarantineReasons());
  }

  private static Row rowOf(List<Row> rows, String file) {
    return rows.stream()
        .filter(r -> r.<String>getAs("source_file").endsWith("/" + file))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no quarantine row for " + file + ": " + rows));
  }
}
