package dev.lakesmith.launcher.cli;

import picocli.CommandLine.Option;

/** The options every subcommand takes. */
public class CommonOptions {
  @Option(names = "--verbose", description = "Print stack traces of failures.")
  public boolean verbose;
}
