package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.RegisterOptions;
import dev.lakesmith.jobs.catalog.RegisterRun;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point of the register step: publishes a curate run's partitions in the catalog (an embedded
 * metastore locally, Glue on EMR through the cluster's hive-site). Runnable on its own.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Registers a curate run's table and partitions in the catalog.")
public final class RegisterJob extends SessionJob {
  @Mixin DatasetArguments target;

  @Option(
      names = "--run-id",
      description = "Curate run to register (default: the newest that succeeded).")
  String runId;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    return JobErrors.execute(new RegisterJob(), args);
  }

  /** What the parsed command line asks for. */
  public RegisterOptions options() {
    return new RegisterOptions(
        target.dataset,
        Optional.ofNullable(target.output),
        Optional.ofNullable(runId),
        target.confFiles,
        target.overrides);
  }

  @Override
  String appName() {
    return "lakesmith-register-" + target.dataset;
  }

  @Override
  boolean usesCatalog() {
    return true;
  }

  @Override
  void check() {
    RegisterOptions options = options();
    ConfigLoader.load(options.confFiles(), options.overrides()).dataset(options.dataset());
  }

  @Override
  void runIn(SparkSession spark) {
    new RegisterRun(spark, System.out).run(options());
  }
}
