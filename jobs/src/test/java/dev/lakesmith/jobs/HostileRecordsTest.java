package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.validate.QuarantineReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records built to exhaust a reader (numbers with huge exponents, records over the size limit,
 * nesting deeper than any stack, huge strings) each cost bounded work: they are quarantined with a
 * short reason, or kept with the number as written, and the run succeeds.
 */
class HostileRecordsTest {
  private static final int LIMIT = 4096;
  private static final String TSTAMP = "\"tstamp\":\"2023-06-18 14:27:52.000000\"";
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  private static String event(String name, String fields) {
    return "{\"name\":\""
        + name
        + "\","
        + fields
        + ",\"payload_md5\":\"m-"
        + fields.hashCode()
        + "\"}";
  }

  @Test
  @Timeout(600)
  void hostileRecordsAreQuarantinedOrKeptAsWrittenAndTheRunSucceeds() throws Exception {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(
          EventsFixture.record(
              "page_view",
              String.format("2023-06-18 10:%02d:%02d.000000", i / 60, i % 60),
              "{\"i\":" + i + "}"));
    }
    records.add(event("huge_number", TSTAMP + ",\"payload\":1e999999999"));
    records.add(event("huge_number", TSTAMP + ",\"payload\":1e100000000"));
    records.add(event("huge_number", "\"tstamp\":1e100000000,\"payload\":\"p\""));
    records.add(event("big", TSTAMP + ",\"payload\":\"" + "x".repeat(10_000) + "\""));
    records.add(event("big", TSTAMP + ",\"payload\":\"" + "y".repeat(1 << 20) + "\""));
    records.add(event("deep", TSTAMP + ",\"payload\":" + "[".repeat(100_000)));
    records.add(event("deep", TSTAMP + ",\"payload\":" + "[".repeat(1000) + "]".repeat(1000)));
    records.add(
        event(
            "deep",
            TSTAMP
                + ",\"payload\":\"p\",\"unread\":"
                + "{\"a\":".repeat(600)
                + "1"
                + "}".repeat(600)));
    new EventsFixture(tmp.resolve("raw"))
        .file("page_view", "2023-06-18", "hostile.gz", false, records);

    RunManifest manifest =
        TestCuration.events(
            spark,
            tmp.resolve("raw"),
            tmp.resolve("out"),
            "2023-06",
            "lakesmith.read.max-record-bytes=" + LIMIT);

    assertEquals(RunManifest.SUCCEEDED, manifest.status(), manifest.error());
    assertEquals(208, manifest.counts().read());
    assertEquals(6, manifest.counts().quarantined());
    assertEquals(
        Map.of(
            "record over size limit", 3L,
            "invalid JSON", 2L,
            "not a timestamp (column tstamp)", 1L),
        manifest.quarantineReasons().stream()
            .collect(
                Collectors.toMap(RunManifest.ReasonCount::reason, RunManifest.ReasonCount::count)));
    manifest
        .quarantineReasons()
        .forEach(
            r -> {
              assertTrue(r.example().startsWith(r.reason()), r.toString());
              assertTrue(r.example().length() <= QuarantineReason.MAX_CHARS, r.toString());
            });

    List<Row> curated = spark.read().parquet(tmp.resolve("out/events").toString()).collectAsList();
    assertEquals(
        Set.of("1e999999999", "1e100000000"),
        curated.stream()
            .filter(r -> r.getAs("name").equals("huge_number"))
            .map(r -> r.<String>getAs("payload"))
            .collect(Collectors.toSet()));
    for (Row row : curated) {
      assertTrue(row.<String>getAs("payload").length() <= LIMIT);
    }

    Map<String, String> reasonByKind = new TreeMap<>();
    for (Row row : spark.read().json(manifest.outputs().quarantine()).collectAsList()) {
      String reason = row.getAs("reason");
      String raw = row.getAs("raw");
      assertTrue(reason.length() <= QuarantineReason.MAX_CHARS, reason);
      assertTrue(raw.length() <= LIMIT, "raw kept: " + raw.length() + " chars");
      reasonByKind.merge(QuarantineReason.kindOf(reason), reason, (a, b) -> a);
    }
    assertTrue(
        reasonByKind
            .get("record over size limit")
            .matches(
                "record over size limit: [0-9,]+ bytes, over the limit of 4 KiB"
                    + " \\(lakesmith.read.max-record-bytes\\).*"),
        reasonByKind.toString());
    assertTrue(reasonByKind.get("invalid JSON").contains("nesting depth"), reasonByKind.toString());
    assertEquals(
        "not a timestamp (column tstamp): number 1e100000000 is not accepted as a timestamp;"
            + " set epoch-unit for the column",
        reasonByKind.get("not a timestamp (column tstamp)"));
  }
}
