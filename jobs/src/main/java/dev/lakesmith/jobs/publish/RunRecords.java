package dev.lakesmith.jobs.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakesmith.core.layout.OutputLayout;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run records of a dataset's lock-free runs ({@link TableLease#forRun}), as recovery and
 * maintenance see them: which runs are alive, since when, and which records outlived their run.
 * Each record is read once per question.
 */
public final class RunRecords {
  /**
   * A record that does not parse is one being written, or one whose writer died while writing it:
   * live while it is younger than this.
   */
  private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(10);

  private RunRecords() {}

  /** One record: its run, whether that run is alive, and when the run started. */
  private record Status(String runId, Path path, boolean live, Instant started) {}

  /** Whether run {@code runId} holds a live run record; runs under the dataset lease have none. */
  public static boolean isLive(Configuration hadoop, String output, String dataset, String runId)
      throws IOException {
    Path path = new Path(OutputLayout.runLease(output, dataset, runId));
    FileSystem fs = path.getFileSystem(hadoop);
    try {
      return status(fs, fs.getFileStatus(path)).live();
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
  }

  /** The start of the oldest run of {@code dataset} whose run record is live, if any. */
  public static Optional<Instant> oldestLiveStart(
      Configuration hadoop, String output, String dataset) throws IOException {
    return all(hadoop, output, dataset).stream()
        .filter(Status::live)
        .map(Status::started)
        .min(Instant::compareTo);
  }

  /** Removes the records of runs other than {@code byRunId} that ended without removing theirs. */
  public static void removeEnded(
      Configuration hadoop, String output, String dataset, String byRunId) throws IOException {
    for (Status status : all(hadoop, output, dataset)) {
      if (!status.live() && !status.runId().equals(byRunId)) {
        status.path().getFileSystem(hadoop).delete(status.path(), false);
      }
    }
  }

  private static List<Status> all(Configuration hadoop, String output, String dataset)
      throws IOException {
    Path folder = new Path(OutputLayout.runLeases(output, dataset));
    FileSystem fs = folder.getFileSystem(hadoop);
    List<Status> all = new ArrayList<>();
    if (!fs.exists(folder)) {
      return all;
    }
    for (FileStatus file : fs.listStatus(folder)) {
      if (file.isFile() && OutputLayout.isManifestName(file.getPath().getName())) {
        all.add(status(fs, file));
      }
    }
    return all;
  }

  private static Status status(FileSystem fs, FileStatus file) throws IOException {
    String runId = OutputLayout.runIdOf(file.getPath().getName());
    Instant written = Instant.ofEpochMilli(file.getModificationTime());
    try {
      return TableLease.readRecord(fs, file.getPath())
          .map(
              record ->
                  new Status(
                      runId,
                      file.getPath(),
                      !record.endedAt(Instant.now(), TableLease.host()),
                      Instant.parse(record.startedAt())))
          .orElse(new Status(runId, file.getPath(), false, written));
    } catch (JsonProcessingException e) {
      boolean young = written.plus(UNREADABLE_GRACE).isAfter(Instant.now());
      return new Status(runId, file.getPath(), young, written);
    }
  }
}
