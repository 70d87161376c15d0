package dev.lakesmith.jobs.iceberg;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import java.time.Duration;

/**
 * How Iceberg datasets commit and are maintained ({@code lakesmith.iceberg} in conf), checked when
 * read so a bad value stops the run before it touches the table.
 *
 * @param commitAttempts merge-and-commit tries of one run before a conflict fails it
 * @param snapshotRetention snapshots older than this are expired by maintenance
 * @param minSnapshots the newest snapshots that always stay (rollback targets)
 * @param orphanAge unreferenced files older than this are deleted by maintenance
 * @param compactWhenFilesOver a partition with more small files than this is compacted; 0 = never
 */
public record IcebergSettings(
    int commitAttempts,
    Duration snapshotRetention,
    int minSnapshots,
    Duration orphanAge,
    int compactWhenFilesOver) {

  public IcebergSettings {
    if (commitAttempts < 1) {
      throw JobFailure.config(
          "lakesmith.iceberg.commit-attempts " + commitAttempts + " must be at least 1 (e.g. 3)");
    }
    if (snapshotRetention.isNegative() || orphanAge.isNegative()) {
      throw JobFailure.config(
          "lakesmith.iceberg.maintenance.snapshot-retention ("
              + snapshotRetention
              + ") and orphan-age ("
              + orphanAge
              + ") must be >= 0 (e.g. 7d and 3d)");
    }
    if (minSnapshots < 1) {
      throw JobFailure.config(
          "lakesmith.iceberg.maintenance.min-snapshots "
              + minSnapshots
              + " must be at least 1: the current snapshot always stays (e.g. 5)");
    }
    if (compactWhenFilesOver < 0) {
      throw JobFailure.config(
          "lakesmith.iceberg.maintenance.compact-when-files-over "
              + compactWhenFilesOver
              + " must be >= 0 (0 = never compact; e.g. 64)");
    }
  }

  public static IcebergSettings from(Config config) {
    try {
      Config iceberg = config.getConfig("lakesmith.iceberg");
      Config maintenance = iceberg.getConfig("maintenance");
      return new IcebergSettings(
          iceberg.getInt("commit-attempts"),
          maintenance.getDuration("snapshot-retention"),
          maintenance.getInt("min-snapshots"),
          maintenance.getDuration("orphan-age"),
          maintenance.getInt("compact-when-files-over"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
  }
}
