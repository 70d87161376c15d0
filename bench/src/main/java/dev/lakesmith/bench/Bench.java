package dev.lakesmith.bench;

import dev.lakesmith.core.JobErrors;
import picocli.CommandLine.Command;

/**
 * {@code java -jar bench/target/lakesmith-bench.jar <command>}: the development tools that measure
 * and feed Lakesmith. They live outside the launcher so that {@code lakesmith.jar} (also the Lambda
 * package) carries neither them nor DuckDB; failures are reported as the launcher reports them.
 */
@Command(
    name = "lakesmith-bench",
    mixinStandardHelpOptions = true,
    version = "lakesmith-bench 0.1.0",
    description = "Generates Firehose-shaped events corpora and benchmarks `local` against DuckDB.",
    subcommands = {GenerateEventsCommand.class, BenchmarkCommand.class})
public final class Bench {
  public static void main(String[] args) {
    System.exit(JobErrors.execute(new Bench(), args));
  }
}
