package dev.lakesmith.jobs.read;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.ReadSettings;
import dev.lakesmith.core.config.SourceSpec;
import dev.lakesmith.jobs.validate.RowBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/** Reads a slice's raw files into parsed rows ({@link ParsedSchema}) with one pass per file. */
public final class RawReader {
  private RawReader() {}

  public static Dataset<Row> read(
      SparkSession spark,
      DatasetConfig dataset,
      SourceFiles files,
      ReadSettings settings,
      RowBuilder rowBuilder) {
    return read(
        spark, dataset, files, settings, rowBuilder, spark.sparkContext().longAccumulator());
  }

  /**
   * @param filesRead counts the files read, as each task ends (what a progress bar shows)
   */
  public static Dataset<Row> read(
      SparkSession spark,
      DatasetConfig dataset,
      SourceFiles files,
      ReadSettings settings,
      RowBuilder rowBuilder,
      LongAccumulator filesRead) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int minSplits = settings.minSplitsPerCore() * jsc.defaultParallelism();
    List<List<SourceFile>> splits =
        SplitPlanner.plan(
            files.files(), settings.targetSplitBytes(), minSplits, jsc.defaultParallelism());
    SplitReader reader =
        new SplitReader(
            new HadoopConf(jsc.hadoopConfiguration()),
            decoder(dataset, settings),
            rowBuilder,
            dataset.columns().size(),
            dataset.quarantineRaw());
    JavaRDD<Row> rows =
        jsc.parallelize(splits, Math.max(1, splits.size()))
            .flatMap(
                split -> {
                  filesRead.add(split.size());
                  return reader.read(split);
                });
    return spark.createDataFrame(rows, ParsedSchema.of(dataset));
  }

  static RecordDecoder decoder(DatasetConfig dataset, ReadSettings settings) {
    SourceSpec source = dataset.source();
    Map<String, RecordDecoder> byExtension = new HashMap<>();
    source
        .formatByExtension()
        .forEach((ext, format) -> byExtension.put(ext, decoder(dataset, format, settings)));
    RecordDecoder decoder = decoder(dataset, source.format(), settings);
    if (!byExtension.isEmpty()) {
      decoder = new ExtensionDecoder(byExtension, decoder);
    }
    return source.pathValues().isEmpty()
        ? decoder
        : new PathValuesDecoder(decoder, source.pathValues());
  }

  private static RecordDecoder decoder(
      DatasetConfig dataset, String format, ReadSettings settings) {
    SourceSpec source = dataset.source();
    return switch (format) {
      case "json" ->
          source.recordsPath().isPresent()
              ? new JsonDocumentDecoder(source.recordsPath().get())
              : JsonRecordDecoder.forColumns(
                  Boolean.parseBoolean(source.option(SourceSpec.MULTILINE_RECORDS, "false")),
                  dataset.columns(),
                  settings.maxRecordBytes());
      case "csv" ->
          new CsvRecordDecoder(
              source.character(SourceSpec.DELIMITER, ',', optionKey(dataset, SourceSpec.DELIMITER)),
              source.character(SourceSpec.QUOTE, '"', optionKey(dataset, SourceSpec.QUOTE)),
              source.preambleKeys(),
              topLevelFields(dataset),
              source.encoding(optionKey(dataset, SourceSpec.ENCODING)),
              settings.maxCsvFieldChars());
      case "avro" -> new AvroRecordDecoder();
      case "parquet" -> new ParquetRecordDecoder();
      default ->
          throw JobFailure.config(
              "dataset '" + dataset.name() + "': format '" + format + "' has no reader yet");
    };
  }

  /** The top-level fields the dataset's columns read, by path or joined. */
  private static Set<String> topLevelFields(DatasetConfig dataset) {
    Set<String> fields = new HashSet<>();
    for (ColumnSpec column : dataset.columns()) {
      fields.addAll(column.topLevelFields());
    }
    return fields;
  }

  private static String optionKey(DatasetConfig dataset, String option) {
    return "lakesmith.datasets." + dataset.name() + ".source.options." + option;
  }
}
