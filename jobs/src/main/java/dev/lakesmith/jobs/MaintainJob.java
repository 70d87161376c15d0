package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.jobs.iceberg.IcebergSettings;
import dev.lakesmith.jobs.iceberg.Maintenance;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point that maintains an Iceberg dataset's table (compaction, snapshot expiry, orphan-file
 * removal, as {@code lakesmith.iceberg.maintenance} says) under the dataset's lease, so no run of
 * Lakesmith writes meanwhile and a running writer's files are never taken for orphans.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compacts, expires old snapshots of and removes orphan files from an Iceberg dataset's"
            + " table.")
public final class MaintainJob extends SessionJob {
  @Mixin DatasetArguments target;

  @Option(names = "--run-id", description = "Id of this maintenance run (default: generated).")
  String runId;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    return JobErrors.execute(new MaintainJob(), args);
  }

  @Override
  String appName() {
    return "lakesmith-maintain-" + target.dataset;
  }

  @Override
  void runIn(SparkSession spark) {
    run(spark, System.out);
  }

  /** Maintains in {@code spark}'s session (tests call this with a session of their own). */
  public Maintenance.Done run(SparkSession spark, PrintStream out) {
    IcebergTarget target = IcebergTarget.open(spark, this.target, "maintain");
    IcebergSettings settings = IcebergSettings.from(target.config().source());
    String holder = runId != null ? runId : "maintain-" + RunIds.next(Instant.now());
    return target.underLease(
        spark,
        holder,
        out,
        iceberg -> {
          Instant now = Instant.now();
          Optional<Instant> running = target.oldestLiveRun(spark);
          Instant orphansBefore = Maintenance.orphanCutoff(now, settings.orphanAge(), running);
          if (orphansBefore.isBefore(now.minus(settings.orphanAge()))) {
            out.printf(
                "lakesmith: a run of dataset '%s' is writing since %s: only files older than %s"
                    + " count as orphans%n",
                target.dataset().name(), running.get(), orphansBefore);
          }
          Maintenance.Done done = Maintenance.run(spark, iceberg, settings, now, orphansBefore);
          out.printf(
              "lakesmith: maintained %s: compacted %d small files into %d; expired %d snapshots"
                  + " (%d data files deleted); removed %d orphan files%n",
              target.table().sparkName(),
              done.compactedFiles(),
              done.compactedInto(),
              done.expiredSnapshots(),
              done.expiredDataFiles(),
              done.orphans().size());
          return done;
        });
  }
}
