package dev.lakesmith.launcher.report;

import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.PartitionWritten;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Run manifests as the curate job writes them, built from its records, for launcher tests. */
public final class TestManifests {
  private TestManifests() {}

  public static RunManifest run(
      String runId,
      String status,
      String slice,
      String startedAt,
      String finishedAt,
      Counts counts,
      List<PartitionWritten> partitions,
      Gaps gaps,
      List<RunManifest.ReasonCount> reasons,
      String error) {
    return new RunManifest(
        runId,
        "events",
        "events",
        status,
        error,
        slice,
        startedAt,
        finishedAt,
        null,
        null,
        counts,
        counts != null && counts.identityHolds(),
        reasons,
        partitions,
        Map.of(),
        Map.of(),
        gaps,
        null,
        List.of(),
        null,
        null,
        null);
  }

  public static PartitionWritten partition(String name, String day, long rows) {
    return new PartitionWritten(
        Map.of("name", name, "d", day), "events/name=" + name + "/d=" + day, rows, rows, 1, 1000);
  }

  /** Writes {@code manifest} where the job would: {@code <output>/_runs/events/<run_id>.json}. */
  public static void write(Path output, RunManifest manifest) throws IOException {
    Path file = output.resolve("_runs/events/" + manifest.runId() + ".json");
    Files.createDirectories(file.getParent());
    ManifestJson.MAPPER.writeValue(file.toFile(), manifest);
  }
}
