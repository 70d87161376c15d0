package dev.lakesmith.core.invocation;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every job entry point on one dataset's output takes (register, rollback, maintain):
 * which dataset, which output, and the configuration layers.
 */
public final class DatasetArguments {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  public String dataset;

  @Option(names = "--output", description = "Output root (default: lakesmith.output).")
  public String output;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  public List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  public List<String> overrides = new ArrayList<>();
}
