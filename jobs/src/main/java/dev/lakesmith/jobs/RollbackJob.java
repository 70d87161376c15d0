package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.catalog.ManifestLookup;
import dev.lakesmith.jobs.iceberg.Rollback;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point that undoes a curate run of an Iceberg dataset: the table returns to the snapshot
 * before the run's, under the dataset's lease like any writer. Refused (exit 1) when later runs
 * committed on top, unless {@code --force}.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = "Restores an Iceberg dataset's table to its state before a run.")
public final class RollbackJob extends SessionJob {
  @Mixin DatasetArguments target;

  @Option(names = "--run-id", required = true, description = "The curate run to undo.")
  String runId;

  @Option(names = "--force", description = "Also undo the runs committed after it.")
  boolean force;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    return JobErrors.execute(new RollbackJob(), args);
  }

  @Override
  String appName() {
    return "lakesmith-rollback-" + target.dataset;
  }

  @Override
  void runIn(SparkSession spark) {
    run(spark, System.out);
  }

  /** Rolls back in {@code spark}'s session (tests call this with a session of their own). */
  public Rollback.Done run(SparkSession spark, PrintStream out) {
    IcebergTarget target = IcebergTarget.open(spark, this.target, "rollback");
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    RunManifest manifest =
        ManifestLookup.find(hadoop, target.root(), target.dataset().name(), Optional.of(runId));
    if (manifest.icebergSnapshotId() == null) {
      throw JobFailure.input(
          "run " + runId + " committed no Iceberg snapshot (it changed nothing); nothing to undo");
    }
    return target.underLease(
        spark,
        "rollback-" + runId,
        out,
        iceberg -> {
          Rollback.Done done = Rollback.apply(iceberg, runId, manifest.icebergSnapshotId(), force);
          out.printf(
              "lakesmith: %s rolled back to before run %s: current snapshot %s%s%n",
              target.table().sparkName(),
              runId,
              done.restored() == null ? "empty (the run made the first one)" : done.restored(),
              done.undoneLaterRuns().isEmpty()
                  ? ""
                  : "; also undone: " + String.join(", ", done.undoneLaterRuns()));
          return done;
        });
  }
}
