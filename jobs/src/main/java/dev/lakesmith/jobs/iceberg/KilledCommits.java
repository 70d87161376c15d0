package dev.lakesmith.jobs.iceberg;

import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.RunRecords;
import dev.lakesmith.jobs.publish.StagingArea;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Runs of an Iceberg dataset that were killed after their commit and before they wrote their
 * result: the table holds their snapshot, their manifest still says RUNNING. Such a manifest is
 * completed from the snapshot (SUCCEEDED, its snapshot id and counts) before the lease holder
 * abandons the runs that really stopped before committing. Runs that are still alive (their run
 * record is renewed: Iceberg runs take no dataset lease) are left alone.
 */
public final class KilledCommits {
  private KilledCommits() {}

  /** Completes every such run; returns one line per run it completed. */
  public static List<String> complete(
      Configuration hadoop,
      QuarantineSettings access,
      PrintStream out,
      String output,
      String dataset,
      Optional<Table> table,
      String byRunId)
      throws IOException {
    List<String> done = new ArrayList<>();
    Path root = new Path(StagingArea.datasetRoot(output, dataset));
    FileSystem fs = root.getFileSystem(hadoop);
    if (table.isEmpty() || !fs.exists(root)) {
      return done;
    }
    for (FileStatus run : fs.listStatus(root)) {
      String runId = run.getPath().getName();
      if (!run.isDirectory()
          || runId.equals(byRunId)
          || RunRecords.isLive(hadoop, output, dataset, runId)) {
        continue;
      }
      String path = ManifestWriter.path(output, dataset, runId);
      Optional<RunManifest> manifest = ManifestWriter.read(hadoop, path);
      Optional<Snapshot> snapshot = RunSnapshots.ofRun(table.get(), runId);
      if (manifest.isEmpty()
          || !RunManifest.RUNNING.equals(manifest.get().status())
          || snapshot.isEmpty()) {
        continue;
      }
      ManifestWriter.write(
          hadoop,
          path,
          manifest
              .get()
              .committedAs(
                  snapshot.get().snapshotId(), RunSnapshots.counts(snapshot.get()), byRunId),
          access);
      String line =
          "marked run "
              + runId
              + ", which stopped after committing snapshot "
              + snapshot.get().snapshotId()
              + ", SUCCEEDED";
      out.println("lakesmith: " + line);
      done.add(runId + ": " + line);
    }
    return done;
  }
}
