package dev.lakesmith.launcher;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.manifest.BuildInfo;
import dev.lakesmith.launcher.aws.AwsFailures;
import dev.lakesmith.launcher.cli.BackfillCommand;
import dev.lakesmith.launcher.cli.LocalCommand;
import dev.lakesmith.launcher.cli.LogSettings;
import dev.lakesmith.launcher.cli.MaintainCommand;
import dev.lakesmith.launcher.cli.PlanCommand;
import dev.lakesmith.launcher.cli.ReportCommand;
import dev.lakesmith.launcher.cli.RollbackCommand;
import dev.lakesmith.launcher.cli.RunCommand;
import dev.lakesmith.launcher.cli.RunsCommand;
import dev.lakesmith.launcher.cli.TriggerCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar lakesmith.jar <command>}: the launcher's command line. */
@Command(
    name = "lakesmith",
    mixinStandardHelpOptions = true,
    versionProvider = Lakesmith.Version.class,
    description = "Curates raw S3 drops into partitioned Parquet, locally or on transient EMR.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (for `run --wait`: every step completed and the cluster ended normally)",
      "1:bad input: the data, or a slice with no input",
      "2:bad usage or configuration: options, conf, credentials, permissions, Java version",
      "3:internal or infrastructure failure: storage, AWS unreachable or throttled, a cluster or"
          + " step that broke, a slice held by another run, a bug; a retry may succeed"
    },
    subcommands = {
      LocalCommand.class,
      PlanCommand.class,
      RunCommand.class,
      TriggerCommand.class,
      BackfillCommand.class,
      RunsCommand.class,
      ReportCommand.class,
      RollbackCommand.class,
      MaintainCommand.class
    })
public final class Lakesmith {
  /** {@code --version}: the build's version and git commit, as run manifests record them. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lakesmith " + BuildInfo.version()};
    }
  }

  public static void main(String[] args) {
    LogSettings.apply(List.of(args).contains("--verbose"));
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return execute(CommandLine.defaultFactory(), args);
  }

  /** With a picocli factory that builds the commands (tests inject AWS settings this way). */
  public static int execute(CommandLine.IFactory factory, String... args) {
    CommandLine commandLine = new CommandLine(new Lakesmith(), factory);
    commandLine.setExecutionStrategy(Lakesmith::explainingAwsFailures);
    return JobErrors.execute(commandLine, args);
  }

  /**
   * Runs the command; an AWS SDK failure it did not explain itself becomes one line with 2 or 3.
   */
  private static int explainingAwsFailures(CommandLine.ParseResult parsed) {
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (CommandLine.ExecutionException e) {
      Throwable explained = AwsFailures.explain(e.getCause());
      if (explained == e.getCause()) {
        throw e;
      }
      throw new CommandLine.ExecutionException(e.getCommandLine(), e.getMessage(), explained);
    }
  }
}
