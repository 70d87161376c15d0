package dev.lakesmith.jobs.publish;

import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finishes what earlier runs of a dataset left behind, before the next run's own work: a publish
 * that was interrupted (manifest {@code PUBLISHING}) is rolled forward from its journal; a run that
 * died before publishing is marked {@code FAILED} and its staging removed; files of interrupted
 * writes by older versions inside the table's tree are removed. Runs that are still alive (their
 * run record is renewed: Iceberg runs take no dataset lease) are left alone; records of runs that
 * ended are removed.
 */
public final class UnfinishedRuns {
  private final Configuration hadoop;
  private final Publisher publisher;
  private final QuarantineSettings access;
  private final PrintStream out;

  public UnfinishedRuns(
      Configuration hadoop, Publisher publisher, QuarantineSettings access, PrintStream out) {
    this.hadoop = hadoop;
    this.publisher = publisher;
    this.access = access;
    this.out = out;
  }

  /** Completes or abandons every unfinished run; returns one line per run it handled. */
  public List<String> complete(String output, String dataset, String table, String byRunId)
      throws IOException {
    List<String> done = new ArrayList<>();
    Path root = new Path(StagingArea.datasetRoot(output, dataset));
    FileSystem fs = root.getFileSystem(hadoop);
    FileStatus[] runs = fs.exists(root) ? fs.listStatus(root) : new FileStatus[0];
    for (FileStatus run : runs) {
      String runId = run.getPath().getName();
      if (!run.isDirectory()
          || runId.equals(byRunId)
          || RunRecords.isLive(hadoop, output, dataset, runId)) {
        continue;
      }
      String manifestPath = ManifestWriter.path(output, dataset, runId);
      Optional<RunManifest> manifest = ManifestWriter.read(hadoop, manifestPath);
      String status = manifest.map(RunManifest::status).orElse("none");
      String line;
      if (RunManifest.PUBLISHING.equals(status) && manifest.get().publish() != null) {
        line = completePublish(manifestPath, manifest.get(), byRunId);
      } else if (RunManifest.RUNNING.equals(status)) {
        ManifestWriter.write(
            hadoop,
            manifestPath,
            manifest
                .get()
                .closedBy(
                    RunManifest.FAILED,
                    "abandoned: the run stopped before publishing (killed, or its machine lost);"
                        + " nothing of it was published. Run its slice again",
                    byRunId),
            access);
        line = "marked run " + runId + ", which stopped before publishing, FAILED";
      } else {
        line = "removed the staging of run " + runId + " (" + status + ")";
      }
      publisher.discard(run.getPath().toString());
      out.println("lakesmith: " + line);
      done.add(runId + ": " + line);
    }
    RunRecords.removeEnded(hadoop, output, dataset, byRunId);
    int strays = removeStrays(new Path(table));
    if (strays > 0) {
      String line = "removed " + strays + " leftovers of interrupted writes from " + table;
      out.println("lakesmith: " + line);
      done.add(line);
    }
    return done;
  }

  /**
   * Rolls an interrupted publish forward; when files of its journal are gone, {@link
   * Publisher#salvage salvages} it and the run is FAILED with what happened and what to rerun.
   */
  private String completePublish(String manifestPath, RunManifest manifest, String byRunId)
      throws IOException {
    String runId = manifest.runId();
    try {
      publisher.apply(manifest.publish());
    } catch (Publisher.StagedFileGone gone) {
      Publisher.Salvage salvage = publisher.salvage(manifest.publish());
      if (salvage.missing().isEmpty()) {
        return closeCompleted(manifestPath, manifest, byRunId);
      }
      String what =
          salvage.missing().size()
              + " of its staged files were gone before they were in the table (first: "
              + salvage.missing().get(0)
              + "), ";
      String error =
          salvage.rolledBack()
              ? "rolled back: "
                  + what
                  + "so the "
                  + salvage.filesRemoved()
                  + " files of it already in the table were taken out again and the table is as"
                  + " before the run. Run its slice ("
                  + manifest.slice()
                  + ") again"
              : "published without the missing files: "
                  + what
                  + "after old files of the table were deleted, so their rows are missing from "
                  + String.join(", ", salvage.partitions())
                  + ". Run its slice ("
                  + manifest.slice()
                  + ") and every other slice with data in those partitions again to restore them";
      ManifestWriter.write(
          hadoop, manifestPath, manifest.closedBy(RunManifest.FAILED, error, byRunId), access);
      out.println("lakesmith: WARNING: run " + runId + " " + error);
      return (salvage.rolledBack() ? "rolled back" : "completed without missing files")
          + " the interrupted publish of run "
          + runId;
    }
    return closeCompleted(manifestPath, manifest, byRunId);
  }

  private String closeCompleted(String manifestPath, RunManifest manifest, String byRunId)
      throws IOException {
    ManifestWriter.write(
        hadoop, manifestPath, manifest.closedBy(RunManifest.SUCCEEDED, null, byRunId), access);
    return "completed the interrupted publish of run "
        + manifest.runId()
        + " ("
        + manifest.publish().filesAdded()
        + " files)";
  }

  /** Spark's own in-table staging folders and markers, left by writes of earlier versions. */
  private int removeStrays(Path table) throws IOException {
    FileSystem fs = table.getFileSystem(hadoop);
    if (!fs.exists(table)) {
      return 0;
    }
    int removed = 0;
    for (FileStatus entry : fs.listStatus(table)) {
      String name = entry.getPath().getName();
      if (name.startsWith(".spark-staging")
          || name.equals("_temporary")
          || name.equals("_SUCCESS")) {
        fs.delete(entry.getPath(), true);
        removed++;
      }
    }
    return removed;
  }
}
