package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.progress.ProgressMode;
import picocli.CommandLine.Option;

/** The options every subcommand takes. */
public class CommonOptions {
  @Option(
      names = "--verbose",
      description =
          "More output: the launcher's informational log, stack traces of failures, and for"
              + " `local` the steps' Spark log on standard error.")
  public boolean verbose;

  @Option(
      names = "--no-progress",
      description =
          "Plain progress lines even on a terminal (no live bars). Without a terminal, or with"
              + " LAKESMITH_PROGRESS=plain, lines are plain anyway.")
  public boolean noProgress;

  /** Live bars only on a terminal, unless turned off here or by LAKESMITH_PROGRESS. */
  public ProgressMode progressMode() {
    return noProgress ? ProgressMode.PLAIN : ProgressMode.fromEnvironment();
  }
}
