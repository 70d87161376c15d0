package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.jobs.manifest.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurateRunTest {
  @TempDir Path tmp;

  @Test
  void smoke() throws Exception {
    EventsFixture raw = new EventsFixture(tmp.resolve("raw"));
    String p1 = "{\"dvce_os\":\"ios\",\"session_id\":\"s1\"}";
    raw.file(
        "account_created",
        "2023-06-18",
        "a.gz",
        true,
        List.of(
            EventsFixture.record("account_created", "2023-06-18 14:27:52.000000", p1),
            EventsFixture.record("account_created", "2023-06-18 14:27:52.000000", p1)));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunManifest m =
        new CurateRun(SparkTestSession.get(), new PrintStream(log, true))
            .run(
                new CurateOptions(
                    "events",
                    Optional.of(raw.root().toString()),
                    Optional.of(tmp.resolve("out").toString()),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    List.of()));
    System.out.println(log);
    System.out.println(m);
    List<Row> rows =
        SparkTestSession.get().read().parquet(tmp.resolve("out/events").toString()).collectAsList();
    System.out.println(rows);
    assertEquals(1, rows.size());
    assertEquals(Instant.parse("2023-06-18T18:27:52Z"), rows.get(0).getAs("tstamp"));
    assertTrue(m.accountingIdentityHolds());
  }
}
