package dev.lakesmith.launcher;

import dev.lakesmith.jobs.JobErrors;
import dev.lakesmith.launcher.bench.BenchmarkCommand;
import dev.lakesmith.launcher.bench.GenerateEventsCommand;
import dev.lakesmith.launcher.cli.BackfillCommand;
import dev.lakesmith.launcher.cli.LocalCommand;
import dev.lakesmith.launcher.cli.PlanCommand;
import dev.lakesmith.launcher.cli.RunCommand;
import dev.lakesmith.launcher.cli.TriggerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar lakesmith.jar <command>}: the launcher's command line. */
@Command(
    name = "lakesmith",
    mixinStandardHelpOptions = true,
    version = "lakesmith 0.1.0",
    description = "Curates raw S3 drops into partitioned Parquet, locally or on transient EMR.",
    subcommands = {
      LocalCommand.class,
      PlanCommand.class,
      RunCommand.class,
      TriggerCommand.class,
      BackfillCommand.class,
      GenerateEventsCommand.class,
      BenchmarkCommand.class
    })
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
    return execute(CommandLine.defaultFactory(), args);
  }

  /** With a picocli factory that builds the commands (tests inject AWS settings this way). */
  public static int execute(CommandLine.IFactory factory, String... args) {
    return JobErrors.execute(new CommandLine(new Lakesmith(), factory), args);
  }
}
