package dev.lakesmith.jobs.iceberg;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * The upkeep an Iceberg table needs and a curate run does not do: partitions a writer left in many
 * small files are compacted (same rows, fewer files), snapshots past the retention are expired
 * (except the newest few, which rollback returns to), and files no snapshot references (a killed
 * run's) are deleted once old enough, and never a file younger than a run still writing. Each is
 * Iceberg's own Spark action.
 */
public final class Maintenance {
  private Maintenance() {}

  /**
   * What one maintenance pass did.
   *
   * @param compactedFiles small files rewritten, into {@code compactedInto} files
   * @param expiredSnapshots snapshots removed from the table's history
   * @param expiredDataFiles data files deleted because only expired snapshots referenced them
   * @param orphans files deleted because no snapshot referenced them
   */
  public record Done(
      int compactedFiles,
      int compactedInto,
      int expiredSnapshots,
      long expiredDataFiles,
      List<String> orphans) {}

  /**
   * Files older than this may be orphans: older than {@code orphanAge}, and older than the start of
   * the oldest run still writing (its files are unreferenced until it commits), with a minute's
   * margin for clocks.
   */
  public static Instant orphanCutoff(Instant now, Duration orphanAge, Optional<Instant> liveSince) {
    Instant byAge = now.minus(orphanAge);
    return liveSince
        .map(start -> start.minus(Duration.ofMinutes(1)))
        .filter(start -> start.isBefore(byAge))
        .orElse(byAge);
  }

  public static Done run(
      SparkSession spark,
      Table table,
      IcebergSettings settings,
      Instant now,
      Instant orphansBefore) {
    SparkActions actions = SparkActions.get(spark);
    int compacted = 0;
    int into = 0;
    if (settings.compactWhenFilesOver() > 0 && table.currentSnapshot() != null) {
      RewriteDataFiles.Result rewrite =
          actions
              .rewriteDataFiles(table)
              .option("min-input-files", Integer.toString(settings.compactWhenFilesOver() + 1))
              .execute();
      compacted = rewrite.rewrittenDataFilesCount();
      into = rewrite.addedDataFilesCount();
      table.refresh();
    }
    int before = size(table.snapshots());
    ExpireSnapshots.Result expired =
        actions
            .expireSnapshots(table)
            .expireOlderThan(now.minus(settings.snapshotRetention()).toEpochMilli())
            .retainLast(settings.minSnapshots())
            .execute();
    table.refresh();
    int expiredSnapshots = before - size(table.snapshots());
    DeleteOrphanFiles.Result orphans =
        actions.deleteOrphanFiles(table).olderThan(orphansBefore.toEpochMilli()).execute();
    List<String> removed = new ArrayList<>();
    orphans.orphanFileLocations().forEach(removed::add);
    return new Done(compacted, into, expiredSnapshots, expired.deletedDataFilesCount(), removed);
  }

  private static int size(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }
}
