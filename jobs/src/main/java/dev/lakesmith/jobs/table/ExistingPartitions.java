package dev.lakesmith.jobs.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the curated rows of just the partitions a batch touches, so late and re-sent records are
 * deduplicated against them without scanning (or listing) the whole table.
 */
public final class ExistingPartitions {
  private ExistingPartitions() {}

  /** The touched partitions that are already curated, and their rows. */
  public record Found(List<Map<String, String>> partitions, Dataset<Row> rows) {}

  public static Optional<Found> read(
      SparkSession spark, TableLayout layout, List<Map<String, String>> touched) {
    List<String> present = new ArrayList<>();
    List<Map<String, String>> found = new ArrayList<>();
    try {
      Path root = new Path(layout.root());
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      for (Map<String, String> values : touched) {
        Path partition = new Path(layout.path(values));
        if (fs.exists(partition)) {
          present.add(partition.toString());
          found.add(values);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list curated partitions under " + layout.root(), e);
    }
    if (present.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Found(
            found,
            spark
                .read()
                .option("basePath", layout.root())
                .option("mergeSchema", "true")
                .parquet(present.toArray(String[]::new))));
  }
}
