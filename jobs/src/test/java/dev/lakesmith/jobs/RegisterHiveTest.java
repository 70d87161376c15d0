package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.RegisterOptions;
import dev.lakesmith.core.manifest.PartitionWritten;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.catalog.CatalogRegistrar;
import dev.lakesmith.jobs.catalog.RegisterRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register step on a curated fixture, in one flow to keep the suite fast: table, partitions,
 * pruning, repeats, a later run with a new partition and a new column.
 */
class RegisterHiveTest {
  private static final String LENIENT = "lakesmith.datasets.events.max-bad-fraction=0.5";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final SparkSession spark = HiveTestSession.get();
  @TempDir Path tmp;
  private EventsFixture raw;
  private Path out;
  private String database;
  private final ByteArrayOutputStream report = new ByteArrayOutputStream();

  @BeforeEach
  void writeFixture() throws Exception {
    raw = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(raw);
    KnownTruthEvents.writeJuly(raw);
    out = tmp.resolve("out");
    database = "lakesmith_test" + DATABASES.incrementAndGet();
  }

  private RunManifest curate(String slice, String... overrides) {
    return TestCuration.events(spark, raw.root(), out, slice, overrides);
  }

  private CatalogRegistrar.Registration register(Optional<String> runId) {
    report.reset();
    return new RegisterRun(spark, new PrintStream(report, true, StandardCharsets.UTF_8))
        .run(
            new RegisterOptions(
                "events",
                Optional.of(out.toString()),
                runId,
                List.of(),
                List.of("lakesmith.catalog.database=" + database)));
  }

  private TreeSet<String> partitions() {
    TreeSet<String> names = new TreeSet<>();
    spark
        .sql("SHOW PARTITIONS " + database + ".events")
        .collectAsList()
        .forEach(r -> names.add(r.getString(0)));
    return names;
  }

  private static TreeSet<String> partitions(RunManifest... manifests) {
    TreeSet<String> names = new TreeSet<>();
    for (RunManifest manifest : manifests) {
      for (PartitionWritten p : manifest.partitions()) {
        names.add("name=" + p.values().get("name") + "/d=" + p.values().get("d"));
      }
    }
    return names;
  }

  private List<String> columns() {
    return List.of(spark.table(database + ".events").columns());
  }

  @Test
  void registersOnceAnswersWithPruningAndFollowsPartitionsAndNewColumns() {
    RunManifest june = curate("2023-06", LENIENT);

    CatalogRegistrar.Registration first = register(Optional.empty());

    assertTrue(first.created());
    assertEquals(6, first.partitions());
    assertEquals(partitions(june), partitions());
    Dataset<Row> day =
        spark.sql("SELECT name, tstamp FROM " + database + ".events WHERE d = '2023-06-19'");
    List<String> rows = new ArrayList<>();
    day.collectAsList().forEach(r -> rows.add(r.getString(0) + "|" + r.<Instant>getAs(1)));
    rows.sort(null);
    assertEquals(
        List.of(
            "account_created|2023-06-19T03:59:59.999999Z",
            "anonymous_visited|2023-06-19T02:30:00Z",
            "anonymous_visited|2023-06-19T02:45:00Z"),
        rows);
    FileSourceScanExec scan = scan(day);
    assertTrue(
        scan.partitionFilters().toString().contains("2023-06-19"),
        scan.partitionFilters().toString());
    assertEquals(2L, scan.metrics().apply("numPartitions").value());

    List<String> columnsBefore = columns();
    CatalogRegistrar.Registration again = register(Optional.of(june.runId()));
    assertFalse(again.created());
    assertTrue(again.addedColumns().isEmpty());
    assertEquals(partitions(june), partitions());
    assertEquals(columnsBefore, columns());
    assertEquals(8L, spark.table(database + ".events").count());

    RunManifest july =
        curate(
            "2023-07",
            "lakesmith.datasets.events.columns=["
                + "{name = name, type = string, required = true},"
                + "{name = tstamp, type = timestamp, required = true,"
                + " formats = [\"uuuu-MM-dd HH:mm:ss[.SSSSSS][.SSS]\"]},"
                + "{name = payload, type = string, required = true},"
                + "{name = payload_md5, type = string, required = true},"
                + "{name = channel, type = string}]");

    CatalogRegistrar.Registration later = register(Optional.empty());

    assertEquals(List.of("channel"), List.copyOf(later.addedColumns().keySet()));
    assertEquals(2, later.partitions());
    assertEquals(partitions(june, july), partitions());
    assertEquals(7, partitions().size());
    assertTrue(columns().contains("channel"));
    List<Row> newDay =
        spark
            .sql("SELECT name, channel FROM " + database + ".events WHERE d = '2023-07-01'")
            .collectAsList();
    assertEquals(1, newDay.size());
    assertEquals("measurement_recorded", newDay.get(0).getString(0));
    assertNull(newDay.get(0).get(1));
    assertEquals(10L, spark.table(database + ".events").count());
  }

  @Test
  void aMissingOrFailedRunIsOneClearError() throws Exception {
    JobFailure missing = assertThrows(JobFailure.class, () -> register(Optional.empty()));
    assertEquals(JobFailure.BAD_USAGE, missing.exitCode());
    assertTrue(
        missing.getMessage().startsWith("no succeeded curate run of dataset 'events' under "),
        missing.getMessage());

    JobFailure failed = assertThrows(JobFailure.class, () -> curate("2023-06"));
    String runId;
    try (var files = Files.list(out.resolve("_runs/events"))) {
      String name =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".json") && !f.startsWith("."))
              .findFirst()
              .orElseThrow();
      runId = name.substring(0, name.length() - ".json".length());
    }
    JobFailure notRegistered = assertThrows(JobFailure.class, () -> register(Optional.of(runId)));
    assertEquals(JobFailure.BAD_INPUT, notRegistered.exitCode());
    assertTrue(
        notRegistered.getMessage().contains("did not succeed (FAILED: " + failed.getMessage()),
        notRegistered.getMessage());
    assertFalse(spark.catalog().tableExists(database, "events"));
  }

  /**
   * A catalog that lost the table (a recreated metastore or Glue database: here a new database)
   * gets every partition on storage back from the next register, not only that run's.
   */
  @Test
  void aTableNewToTheCatalogIsRegisteredWholeFromItsFiles() throws Exception {
    RunManifest june = curate("2023-06", LENIENT);
    register(Optional.empty());
    RunManifest july = curate("2023-07");
    register(Optional.empty());
    Path table = out.resolve("events");
    Path parquet;
    try (var files = Files.walk(table)) {
      parquet =
          files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
    for (String notData : List.of("_publishing/name=x/d=2099-01-01", "name=x/.d=2099-01-02")) {
      Files.createDirectories(table.resolve(notData));
      Files.copy(parquet, table.resolve(notData).resolve("part-0.parquet"));
    }
    database = "lakesmith_test" + DATABASES.incrementAndGet();

    CatalogRegistrar.Registration recovered = register(Optional.of(july.runId()));

    assertTrue(recovered.created());
    assertEquals(7, recovered.partitions());
    assertEquals(5, recovered.recovered());
    assertEquals(List.of(), recovered.missing());
    assertEquals(partitions(june, july), partitions());
    long onStorage = spark.read().parquet(table.toString()).count();
    assertEquals(10L, onStorage);
    assertEquals(
        onStorage, spark.sql("SELECT count(*) FROM " + database + ".events").first().getLong(0));
    assertEquals(
        "lakesmith: table "
            + database
            + ".events created at "
            + table
            + ": 7 partitions added, of which 5 recovered from the table's files",
        report.toString(StandardCharsets.UTF_8).trim());

    PartitionWritten gone = july.partitions().get(0);
    try (var files = Files.walk(Path.of(gone.path()))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    CatalogRegistrar.Registration again = register(Optional.of(july.runId()));

    assertFalse(again.created());
    assertEquals(1, again.partitions());
    assertEquals(0, again.recovered());
    String goneName = "name=" + gone.values().get("name") + "/d=" + gone.values().get("d");
    assertEquals(List.of(goneName), again.missing());
    assertTrue(
        report
            .toString(StandardCharsets.UTF_8)
            .trim()
            .endsWith(
                "1 partitions of the run are no longer on storage and were not registered: "
                    + goneName),
        report.toString(StandardCharsets.UTF_8));
  }

  /** The Parquet scan of an executed query, seen through adaptive execution. */
  private static FileSourceScanExec scan(Dataset<Row> query) {
    SparkPlan plan = query.queryExecution().executedPlan();
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      plan = adaptive.finalPhysicalPlan();
    }
    List<SparkPlan> scans = new ArrayList<>();
    scala.jdk.javaapi.CollectionConverters.asJava(plan.collectLeaves()).forEach(p -> scans.add(p));
    return scans.stream()
        .filter(FileSourceScanExec.class::isInstance)
        .map(FileSourceScanExec.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no file scan in " + query.queryExecution()));
  }
}
