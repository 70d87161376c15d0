package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.invocation.SliceArguments;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point of the curate step, as spark-submit (local or on EMR) runs it. Errors are one line on
 * stderr and an exit code; the stack trace only with {@code --verbose}.
 */
@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Curates one slice of a dataset's raw input into partitioned Parquet.")
public final class CurateJob extends SessionJob {
  @Mixin SliceArguments slice;

  @Option(names = "--run-id", description = "Run id (default: generated).")
  String runId;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    return JobErrors.execute(new CurateJob(), args);
  }

  /** What the parsed command line asks for. */
  public CurateOptions options() {
    return slice.toCurateOptions(Optional.ofNullable(runId));
  }

  @Override
  String appName() {
    return "lakesmith-curate-" + slice.dataset;
  }

  @Override
  void check() {
    CurateOptions options = options();
    ConfigLoader.load(options.confFiles(), options.overrides()).dataset(options.dataset());
  }

  @Override
  void runIn(SparkSession spark) {
    new CurateRun(spark, System.out).run(options());
  }
}
