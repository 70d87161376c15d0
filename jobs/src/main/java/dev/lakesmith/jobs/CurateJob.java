package dev.lakesmith.jobs;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the curate step, as spark-submit (local or on EMR) runs it. Errors are one line on
 * stderr and an exit code; the stack trace only with {@code --verbose}.
 */
@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Curates one slice of a dataset's raw input into partitioned Parquet.")
public final class CurateJob implements Callable<Integer> {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(names = "--input", description = "Raw input root (default: the dataset's input).")
  String input;

  @Option(names = "--output", description = "Output root (default: lakesmith.output).")
  String output;

  @Option(names = "--slice", description = "Arrival month or day, e.g. 2023-06 (default: all).")
  String slice;

  @Option(names = "--run-id", description = "Run id (default: generated).")
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
    CommandLine commandLine = new CommandLine(new CurateJob());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean verbose = ((CurateJob) cmd.getCommand()).verbose;
          return JobErrors.report(e, verbose, System.err);
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    CurateOptions options =
        new CurateOptions(
            dataset,
            Optional.ofNullable(input),
            Optional.ofNullable(output),
            Optional.ofNullable(slice),
            Optional.ofNullable(runId),
            confFiles,
            overrides);
    SparkSession spark =
        SparkSession.builder().appName("lakesmith-curate-" + dataset).getOrCreate();
    try {
      new CurateRun(spark, System.out).run(options);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
