package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.JobFailure;
import dev.lakesmith.jobs.config.DatasetConfig;
import dev.lakesmith.jobs.config.ReadSettings;
import dev.lakesmith.jobs.validate.RowBuilder;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a slice's raw files into parsed rows ({@link ParsedSchema}) with one pass per file. */
public final class RawReader {
  private RawReader() {}

  public static Dataset<Row> read(
      SparkSession spark,
      DatasetConfig dataset,
      List<RawFile> files,
      ReadSettings settings,
      RowBuilder rowBuilder) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int minSplits = settings.minSplitsPerCore() * jsc.defaultParallelism();
    List<List<RawFile>> splits = SplitPlanner.plan(files, settings.targetSplitBytes(), minSplits);
    SplitReader reader =
        new SplitReader(
            new HadoopConf(jsc.hadoopConfiguration()),
            decoder(dataset),
            rowBuilder,
            dataset.columns().size());
    JavaRDD<Row> rows = jsc.parallelize(splits, Math.max(1, splits.size())).flatMap(reader::read);
    return spark.createDataFrame(rows, ParsedSchema.of(dataset));
  }

  static RecordDecoder decoder(DatasetConfig dataset) {
    return switch (dataset.source().format()) {
      case "json" ->
          JsonRecordDecoder.forColumns(
              Boolean.parseBoolean(dataset.source().option("multiline-records", "false")),
              dataset.columns());
      default ->
          throw JobFailure.config(
              "dataset '"
                  + dataset.name()
                  + "': format '"
                  + dataset.source().format()
                  + "' has no reader yet");
    };
  }
}
