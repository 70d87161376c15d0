package dev.lakesmith.core.invocation;

import dev.lakesmith.core.layout.Slice;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The command-line options that pick a dataset slice and layer configuration, shared by the job's
 * entry points and the launcher's commands so every command spells them the same way.
 */
public final class SliceArguments {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  public String dataset;

  @Option(names = "--slice", description = "Arrival month or day, e.g. 2023-11 (default: all).")
  public String slice;

  @Option(names = "--input", description = "Raw input root (default: the dataset's input).")
  public String input;

  @Option(names = "--output", description = "Output root (default: lakesmith.output).")
  public String output;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  public List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  public List<String> overrides = new ArrayList<>();

  /** {@code --slice} as given, checked to be an arrival month or day: a typo fails at once. */
  public Optional<String> checkedSlice() {
    Optional<String> given = Optional.ofNullable(slice);
    given.ifPresent(Slice::parse);
    return given;
  }

  public CurateOptions toCurateOptions(Optional<String> runId) {
    return new CurateOptions(
        dataset,
        Optional.ofNullable(input),
        Optional.ofNullable(output),
        Optional.ofNullable(slice),
        runId,
        confFiles,
        overrides);
  }
}
