package dev.lakesmith.jobs.iceberg;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ColumnType;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.WriteSettings;
import dev.lakesmith.core.manifest.PartitionWritten;
import dev.lakesmith.jobs.dedupe.DedupeResult;
import dev.lakesmith.jobs.table.ExistingPartitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One dataset's Iceberg table during a run: the curated rows of the partitions a batch touches, as
 * of one snapshot, for dedupe; then the changed partitions replaced by one dynamic overwrite, a
 * single atomic snapshot. The overwrite is validated against that snapshot (serializable: no data
 * added to those partitions since), so a commit by anyone else in between raises {@link Conflict}
 * instead of being overwritten unseen; the caller then reads again and merges again.
 */
public final class IcebergTable {
  private final SparkSession spark;
  private final IcebergCatalog catalog;
  private final DatasetConfig dataset;
  private Long base;

  public IcebergTable(SparkSession spark, IcebergCatalog catalog, DatasetConfig dataset) {
    this.spark = spark;
    this.catalog = catalog;
    this.dataset = dataset;
  }

  /**
   * Another writer committed to the partitions this run read since it read them; nothing of this
   * run was committed and its written files were removed.
   */
  public static final class Conflict extends RuntimeException {
    Conflict(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What a run committed: its snapshot (none when nothing changed) and partitions written. */
  public record Commit(Long snapshotId, List<PartitionWritten> partitions) {}

  public String sparkName() {
    return catalog.sparkName(dataset.table());
  }

  /**
   * Whether concurrent runs may write this table without the dataset lease: its catalog's commits
   * never overwrite each other, and the commit validates against the snapshot the run merged with.
   */
  public boolean takesConcurrentRuns() {
    return catalog.atomicCommits();
  }

  private TableIdentifier identifier() {
    return catalog.identifier(dataset.table());
  }

  /**
   * The table as of its latest commit, if it exists (refreshed: Spark's catalog caches tables, and
   * another process may have committed since).
   */
  public Optional<Table> load() {
    Catalog iceberg = catalog.load(spark);
    if (!iceberg.tableExists(identifier())) {
      return Optional.empty();
    }
    Table table = iceberg.loadTable(identifier());
    table.refresh();
    return Optional.of(table);
  }

  /** The touched partitions that hold rows in the current snapshot, and those rows. */
  public Optional<ExistingPartitions.Found> existing(List<Map<String, String>> touched) {
    base = null;
    Optional<Table> table = load();
    Snapshot current = table.map(Table::currentSnapshot).orElse(null);
    if (current == null || touched.isEmpty()) {
      return Optional.empty();
    }
    base = current.snapshotId();
    Set<Map<String, String>> found = new LinkedHashSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.get().newScan().useSnapshot(base).filter(icebergFilter(touched)).planFiles()) {
      for (FileScanTask task : tasks) {
        found.add(values(task.spec(), task.file().partition()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan a scan of " + sparkName(), e);
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, String>> present = touched.stream().filter(found::contains).toList();
    Dataset<Row> rows =
        spark.read().option("versionAsOf", base).table(sparkName()).filter(sparkFilter(present));
    return Optional.of(new ExistingPartitions.Found(present, rows));
  }

  /**
   * Replaces the changed partitions with their rows in one snapshot whose summary is {@code
   * summary}; nothing is committed when no partition changed.
   */
  public Commit commit(DedupeResult result, Map<String, String> summary, WriteSettings settings) {
    if (result.changed().isEmpty()) {
      return new Commit(null, List.of());
    }
    Table table = load().orElseGet(() -> create(result.survivors().schema(), settings));
    DataFrameWriterV2<Row> writer = result.survivors().writeTo(sparkName());
    summary.forEach((key, value) -> writer.option(RunSnapshots.WRITE_OPTION + key, value));
    // The survivors are clustered by partition already (the batch ranking repartitioned them), so
    // Iceberg's default hash distribution would only shuffle every row once more.
    writer.option("distribution-mode", "none");
    // Without a base (the table had no snapshot when read) every earlier commit is validated.
    writer.option("isolation-level", "serializable");
    if (base != null) {
      writer.option("validate-from-snapshot-id", base.toString());
    }
    try {
      writer.overwritePartitions();
    } catch (Exception e) {
      Optional<Throwable> conflict = conflict(e);
      if (conflict.isPresent()) {
        throw new Conflict(
            "another writer committed to "
                + sparkName()
                + "'s partitions of this run after it read them ("
                + firstLine(conflict.get().getMessage())
                + ")",
            e);
      }
      throw JobFailure.internal(
          "the commit to Iceberg table " + sparkName() + " failed: " + e.getMessage(), e);
    }
    table.refresh();
    String runId = summary.get(RunSnapshots.RUN_ID);
    Snapshot snapshot =
        RunSnapshots.ofRun(table, runId)
            .orElseThrow(
                () ->
                    JobFailure.internal(
                        "run "
                            + runId
                            + " committed to "
                            + sparkName()
                            + " but no snapshot has it"));
    return new Commit(snapshot.snapshotId(), written(table, snapshot, result));
  }

  /** A failed validation, or a metadata swap lost more often than Iceberg's own retries allow. */
  private static Optional<Throwable> conflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValidationException || t instanceof CommitFailedException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private Table create(StructType sparkSchema, WriteSettings settings) {
    Catalog iceberg = catalog.load(spark);
    Namespace namespace = identifier().namespace();
    if (iceberg instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(namespace)) {
      namespaces.createNamespace(namespace);
    }
    Schema schema = SparkSchemaUtil.convert(sparkSchema);
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    dataset.partitionBy().forEach(spec::identity);
    try {
      return iceberg
          .buildTable(identifier(), schema)
          .withPartitionSpec(spec.build())
          .withSortOrder(SortOrder.builderFor(schema).asc(dataset.eventTime()).build())
          .withProperty("write.parquet.compression-codec", codec(settings.compression()))
          .withProperty(
              "write.parquet.row-group-size-bytes", Long.toString(settings.rowGroupBytes()))
          .create();
    } catch (AlreadyExistsException e) {
      return iceberg.loadTable(identifier()); // another writer created it first
    }
  }

  private static String codec(String compression) {
    return compression.equals("none") ? "uncompressed" : compression;
  }

  /** Rows, new rows, files and bytes per partition the snapshot replaced. */
  private List<PartitionWritten> written(Table table, Snapshot snapshot, DedupeResult result) {
    Map<Map<String, String>, long[]> files = new LinkedHashMap<>();
    Map<Map<String, String>, String> paths = new LinkedHashMap<>();
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      PartitionSpec spec = table.specs().get(file.specId());
      Map<String, String> values = values(spec, file.partition());
      long[] tally = files.computeIfAbsent(values, v -> new long[2]);
      tally[0]++;
      tally[1] += file.fileSizeInBytes();
      paths.put(values, table.location() + "/data/" + spec.partitionToPath(file.partition()));
    }
    List<PartitionWritten> written = new ArrayList<>();
    for (DedupeResult.PartitionDelta delta : result.changed()) {
      long[] tally = files.getOrDefault(delta.values(), new long[2]);
      written.add(
          new PartitionWritten(
              delta.values(),
              paths.get(delta.values()),
              delta.rows(),
              delta.newRows(),
              tally[0],
              tally[1]));
    }
    return written;
  }

  /** Partition values as the rest of the job names them: column to string, in spec order. */
  private static Map<String, String> values(PartitionSpec spec, StructLike partition) {
    Map<String, String> values = new LinkedHashMap<>();
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      values.put(fields.get(i).name(), String.valueOf(partition.get(i, Object.class)));
    }
    return values;
  }

  private Expression icebergFilter(List<Map<String, String>> partitions) {
    Expression any = Expressions.alwaysFalse();
    for (Map<String, String> values : partitions) {
      Expression all = Expressions.alwaysTrue();
      for (String column : dataset.partitionBy()) {
        all = Expressions.and(all, Expressions.equal(column, typed(column, values.get(column))));
      }
      any = Expressions.or(any, all);
    }
    return any;
  }

  private Column sparkFilter(List<Map<String, String>> partitions) {
    Column any = lit(false);
    for (Map<String, String> values : partitions) {
      Column all = lit(true);
      for (String column : dataset.partitionBy()) {
        all = all.and(col(column).equalTo(lit(typed(column, values.get(column)))));
      }
      any = any.or(all);
    }
    return any;
  }

  /** A partition value as its column's type: long columns compare as numbers. */
  private Object typed(String column, String value) {
    boolean isLong = dataset.findColumn(column).map(c -> c.type() == ColumnType.LONG).orElse(false);
    return isLong ? (Object) Long.parseLong(value) : value;
  }
}
