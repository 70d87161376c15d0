package dev.lakesmith.jobs;

import dev.lakesmith.jobs.catalog.MetastoreLog;
import dev.lakesmith.jobs.catalog.RegisterOptions;
import dev.lakesmith.jobs.catalog.RegisterRun;
import dev.lakesmith.jobs.config.ConfigLoader;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the register step: publishes a curate run's partitions in the catalog (an embedded
 * metastore locally, Glue on EMR through the cluster's hive-site). Runnable on its own.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Registers a curate run's table and partitions in the catalog.")
public final class RegisterJob implements Callable<Integer> {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(names = "--output", description = "Output root (default: lakesmith.output).")
  String output;

  @Option(
      names = "--run-id",
      description = "Curate run to register (default: the newest that succeeded).")
  String runId;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    return JobErrors.execute(new RegisterJob(), args);
  }

  @Override
  public Integer call() {
    RegisterOptions options =
        new RegisterOptions(
            dataset, Optional.ofNullable(output), Optional.ofNullable(runId), confFiles, overrides);
    // Configuration mistakes fail here, in a second, not after Spark has started.
    ConfigLoader.load(options.confFiles(), options.overrides()).dataset(options.dataset());
    MetastoreLog.keepBesideDerby();
    SparkSession spark =
        SparkSession.builder()
            .appName("lakesmith-register-" + dataset)
            .enableHiveSupport()
            .getOrCreate();
    try {
      new RegisterRun(spark, System.out).run(options);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
