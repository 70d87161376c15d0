package dev.lakesmith.jobs;

import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.publish.PublishProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two arrival months of events where the second (2023-07) replaces a file of a 2023-06 partition
 * and adds a partition: the case the crash, fault and race tests put under stress.
 */
final class LateSliceRuns {
  static final String LENIENT = "lakesmith.datasets.events.max-bad-fraction=0.5";
  final EventsFixture raw;

  LateSliceRuns(Path dir) throws IOException {
    raw = new EventsFixture(dir);
    KnownTruthEvents.writeJune(raw);
    KnownTruthEvents.writeJuly(raw);
  }

  /** The table clean runs of June then July leave under {@code out}. */
  TableState cleanTable(Path out, PublishProbe julyProbe) throws Exception {
    curate(out, "2023-06", PublishProbe.NONE);
    curate(out, "2023-07", julyProbe);
    return TableState.of(out);
  }

  RunManifest curate(Path out, String slice, PublishProbe probe) {
    return curate(out, slice, probe, new ByteArrayOutputStream());
  }

  RunManifest curate(
      Path out, String slice, PublishProbe probe, ByteArrayOutputStream says, String... conf) {
    List<String> overrides = new ArrayList<>(List.of(LENIENT));
    overrides.addAll(List.of(conf));
    return new CurateRun(SparkTestSession.get(), new PrintStream(says, true), probe)
        .run(
            new CurateOptions(
                "events",
                Optional.of(raw.root().toString()),
                Optional.of(out.toString()),
                Optional.of(slice),
                Optional.empty(),
                List.of(),
                overrides));
  }
}
