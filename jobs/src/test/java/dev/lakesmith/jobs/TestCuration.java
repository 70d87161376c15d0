package dev.lakesmith.jobs;

import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Runs the curate step of the events dataset in-process, its console lines discarded. */
final class TestCuration {
  private TestCuration() {}

  static RunManifest events(
      SparkSession spark, Path input, Path output, String slice, String... overrides) {
    return new CurateRun(spark, new PrintStream(new ByteArrayOutputStream(), true))
        .run(
            new CurateOptions(
                "events",
                Optional.of(input.toString()),
                Optional.of(output.toString()),
                Optional.of(slice),
                Optional.empty(),
                List.of(),
                List.of(overrides)));
  }
}
