package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run may write, and who may read what it writes. */
class OutputPlacementTest {
  private static final String LENIENT = "lakesmith.datasets.events.max-bad-fraction=0.5";
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void anOutputInsideTheInputOrTheReverseIsRefused() throws Exception {
    EventsFixture raw = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(raw);

    JobFailure inside =
        assertThrows(
            JobFailure.class,
            () -> TestCuration.events(spark, raw.root(), raw.root().resolve("curated"), "2023-06"));
    JobFailure around =
        assertThrows(
            JobFailure.class,
            () -> TestCuration.events(spark, raw.root(), raw.root().getParent(), "2023-06"));

    assertEquals(JobFailure.BAD_USAGE, inside.exitCode());
    assertTrue(inside.getMessage().contains("overlap"), inside.getMessage());
    assertEquals(JobFailure.BAD_USAGE, around.exitCode());
    assertFalse(Files.exists(raw.root().resolve("curated")));
    assertFalse(Files.exists(raw.root().getParent().resolve("_runs")));
  }

  @Test
  void manifestsAreNotReadableByOthers() throws Exception {
    EventsFixture raw = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(raw);
    RunManifest june =
        TestCuration.events(spark, raw.root(), tmp.resolve("out"), "2023-06", LENIENT);

    Path manifest = Path.of(june.outputs().manifest());
    assertEquals(
        "rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest.getParent())));
  }
}
