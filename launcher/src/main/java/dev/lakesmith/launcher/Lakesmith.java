package dev.lakesmith.launcher;

import dev.lakesmith.jobs.JobErrors;
import dev.lakesmith.launcher.bench.BenchmarkCommand;
import dev.lakesmith.launcher.bench.GenerateEventsCommand;
import dev.lakesmith.launcher.cli.LocalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar lakesmith.jar <command>}: the launcher's command line. */
@Command(
    name = "lakesmith",
    mixinStandardHelpOptions = true,
    version = "lakesmith 0.1.0",
    description = "Curates raw S3 drops into partitioned Parquet, locally or on transient EMR.",
    subcommands = {LocalCommand.class, GenerateEventsCommand.class, BenchmarkCommand.class})
public final class Lakesmith {
  /** Shared by every subcommand. */
  public static class Common {
    @Option(names = "--verbose", description = "Print stack traces of failures.")
    public boolean verbose;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new Lakesmith());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean verbose = parsed.hasMatchedOption("--verbose");
          return JobErrors.report(e, verbose, System.err);
        });
    return commandLine.execute(args);
  }
}
