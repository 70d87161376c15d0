package dev.lakesmith.jobs.dedupe;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.ColumnType;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.DedupeSpec;
import dev.lakesmith.jobs.read.ParsedSchema;
import dev.lakesmith.jobs.read.SourceFiles;
import dev.lakesmith.jobs.table.ExistingPartitions;
import dev.lakesmith.jobs.table.Lineage;
import dev.lakesmith.jobs.table.TableLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Keeps one row per dedupe key across the batch and the already curated rows of the partitions it
 * touches. The batch is clustered by partition and ranked in the same pass that reads it (the key
 * determines the partition, which {@link DatasetConfig} enforces), so for partitions nobody curated
 * yet the ranking is the answer and the write needs no further shuffle or sort. Only the batch's
 * best row per key meets the curated rows of partitions that already exist.
 */
public final class Deduplicator {
  static final String ORIGIN = "_origin";
  static final String RANK = "_rank";
  static final String PRIORITY = "_priority";
  private static final int EXISTING = 0;
  private static final int NEW = 1;

  private final DatasetConfig dataset;
  private final TableLayout layout;
  private final Lineage.Stamp stamp;
  private final boolean latest;

  public Deduplicator(DatasetConfig dataset, TableLayout layout, Lineage.Stamp stamp) {
    this.dataset = dataset;
    this.layout = layout;
    this.stamp = stamp;
    this.latest = dataset.dedupe().keep() == DedupeSpec.Keep.LATEST_INGESTED;
  }

  /**
   * Clusters the parsed rows (good and quarantined) by partition, ranks each key's rows within the
   * batch and stores the result; the aggregation that gives the counts fills the store. Quarantined
   * rows rank alone (their key columns are null), so they never pile up in one window.
   */
  public RankedBatch rank(Dataset<Row> parsed, SourceFiles sourceFiles) {
    Column isBad = col(ParsedSchema.REASON).isNotNull();
    List<Column> windowKeys = new ArrayList<>(List.of(keyColumns()));
    windowKeys.add(
        when(isBad, xxhash64(col(ParsedSchema.FILE_ID), col(ParsedSchema.RECORD_INDEX))));
    WindowSpec byKey = Window.partitionBy(windowKeys.toArray(Column[]::new));
    Dataset<Row> ranked =
        withOpaqueText(parsed, DataTypes.BinaryType)
            .repartition(columns(dataset.partitionBy()))
            .withColumn(
                RANK,
                row_number()
                    .over(
                        byKey.orderBy(
                            ordering(false, ParsedSchema.FILE_ID, ParsedSchema.RECORD_INDEX))))
            .transform(Deduplicator::store);

    // Partition columns first: layout.values reads them from the front of the row.
    List<Column> groups = new ArrayList<>(List.of(columns(dataset.partitionBy())));
    groups.add(isBad);
    groups.add(col(ParsedSchema.REASON));
    int n = dataset.partitionBy().size();
    long read = 0;
    long bad = 0;
    Map<String, Long> reasons = new HashMap<>();
    List<RankedBatch.BatchPartition> partitions = new ArrayList<>();
    for (Row row :
        ranked
            .groupBy(groups.toArray(Column[]::new))
            .agg(count(lit(1)), sum(when(col(RANK).equalTo(1), 1).otherwise(0)))
            .collectAsList()) {
      long rows = row.getLong(n + 2);
      read += rows;
      if (row.getBoolean(n)) {
        bad += rows;
        reasons.merge(row.getString(n + 1), rows, Long::sum);
      } else {
        partitions.add(
            new RankedBatch.BatchPartition(layout.values(row), rows, row.getLong(n + 3)));
      }
    }
    partitions.sort(Comparator.comparing(p -> layout.path(p.values())));
    return new RankedBatch(ranked, sourceFiles, read, bad, reasons, partitions);
  }

  /** The batch's survivors against the curated rows of the touched partitions that exist. */
  public DedupeResult resolve(RankedBatch batch, Optional<ExistingPartitions.Found> existing) {
    Dataset<Row> best = batchBest(batch);
    Set<Map<String, String>> curatedBefore =
        existing
            .map(e -> (Set<Map<String, String>>) new HashSet<>(e.partitions()))
            .orElse(Set.of());
    List<DedupeResult.PartitionDelta> changed = new ArrayList<>();
    Map<Map<String, String>, Long> curatedRows = new HashMap<>();
    long dropped = 0;
    long written = 0;
    for (RankedBatch.BatchPartition partition : batch.partitions()) {
      dropped += partition.rows() - partition.best();
      if (!curatedBefore.contains(partition.values())) {
        curatedRows.put(partition.values(), partition.best());
        written += partition.best();
        changed.add(
            new DedupeResult.PartitionDelta(
                partition.values(), partition.best(), partition.best()));
      }
    }
    if (existing.isEmpty()) {
      Dataset<Row> curated = curatedColumns(best);
      return new DedupeResult(
          curated, curated, changed, curatedRows, dropped, written, 0, List.of(batch.rows()));
    }

    Dataset<Row> keys = partitionKeys(best, existing.get().partitions());
    Dataset<Row> fresh = curatedColumns(best.join(broadcast(keys), partitionNames(), "left_anti"));
    Dataset<Row> merged =
        againstCurated(
            best.join(broadcast(keys), partitionNames(), "left_semi"), existing.get().rows());

    Column isNew = col(ORIGIN).equalTo(NEW);
    Column kept = col(RANK).equalTo(1);
    int n = dataset.partitionBy().size();
    List<Map<String, String>> rewritten = new ArrayList<>();
    long replaced = 0;
    for (Row row :
        merged
            .groupBy(columns(dataset.partitionBy()))
            .agg(
                sum(when(kept, 1).otherwise(0)),
                sum(when(isNew.and(kept), 1).otherwise(0)),
                sum(when(isNew.and(kept.unary_$bang()), 1).otherwise(0)),
                sum(when(isNew.unary_$bang().and(kept.unary_$bang()), 1).otherwise(0)))
            .collectAsList()) {
      long newKept = row.getLong(n + 1);
      long replacedHere = row.getLong(n + 3);
      Map<String, String> values = layout.values(row);
      curatedRows.put(values, row.getLong(n));
      dropped += row.getLong(n + 2);
      written += newKept;
      replaced += replacedHere;
      if (newKept > 0 || replacedHere > 0) {
        changed.add(new DedupeResult.PartitionDelta(values, row.getLong(n), newKept));
        rewritten.add(values);
      }
    }
    changed.sort(Comparator.comparing(d -> layout.path(d.values())));

    Dataset<Row> mergedKept = curatedColumns(merged.filter(kept));
    Dataset<Row> survivors =
        fresh.unionByName(
            mergedKept.join(
                broadcast(partitionKeys(best, rewritten)), partitionNames(), "left_semi"),
            true);
    return new DedupeResult(
        fresh.unionByName(mergedKept, true),
        survivors,
        changed,
        curatedRows,
        dropped,
        written,
        replaced,
        List.of(batch.rows(), merged));
  }

  /**
   * The batch's best row per key as curated rows look: file paths back, opaque text back to text,
   * this run's lineage.
   */
  private Dataset<Row> batchBest(RankedBatch batch) {
    Dataset<Row> best =
        batch
            .rows()
            .filter(col(ParsedSchema.REASON).isNull().and(col(RANK).equalTo(1)))
            .drop(RANK, ParsedSchema.REASON, ParsedSchema.RAW);
    best = withOpaqueText(batch.sourceFiles().withPaths(best), DataTypes.StringType);
    return stamp.on(best).withColumn(ORIGIN, lit(NEW));
  }

  /**
   * Ranks the batch's best rows of partitions that already exist against their curated rows and
   * stores the ranking (read by the counts, the write and the gap report).
   */
  private Dataset<Row> againstCurated(Dataset<Row> best, Dataset<Row> curated) {
    Dataset<Row> all =
        best.unionByName(alignedTo(best, curated).withColumn(ORIGIN, lit(EXISTING)), true);
    WindowSpec byKey = Window.partitionBy(keyColumns());
    Dataset<Row> clustered = all.repartition(columns(dataset.partitionBy()));
    if (latest) {
      clustered = clustered.withColumn(PRIORITY, latestPriority(byKey));
    }
    return clustered
        .withColumn(
            RANK,
            row_number()
                .over(
                    byKey.orderBy(
                        ordering(
                            latest,
                            ORIGIN,
                            Lineage.INGESTED_AT,
                            Lineage.SOURCE_FILE,
                            ParsedSchema.RECORD_INDEX))))
        .drop(PRIORITY)
        .transform(Deduplicator::store);
  }

  /**
   * Keeps a ranking for the passes that read it, in Spark's columnar cache: compressed column
   * batches are few large objects (rows stored one object each cost more in GC than the ranking
   * itself once they outgrow memory), a pass reads only the columns it needs, and a filter on the
   * quarantine reason skips batches without bad rows. The first aggregation over it fills it.
   */
  private static Dataset<Row> store(Dataset<Row> ranking) {
    return ranking.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Opaque text columns travel through the batch's shuffle, sort and cache as bytes: the cache then
   * stores them as they are instead of trying dictionary and run-length encodings and min/max
   * bounds on values that are all different (most of the cost of filling it). Equality, which is
   * all the dedupe key needs, is the same on bytes.
   */
  private Dataset<Row> withOpaqueText(Dataset<Row> rows, DataType type) {
    for (ColumnSpec column : dataset.columns()) {
      if (column.opaque() && column.type() == ColumnType.STRING) {
        rows = rows.withColumn(column.name(), col(column.name()).cast(type));
      }
    }
    return rows;
  }

  private Dataset<Row> curatedColumns(Dataset<Row> rows) {
    return rows.drop(ORIGIN, RANK, ParsedSchema.RECORD_INDEX);
  }

  private Dataset<Row> partitionKeys(Dataset<Row> like, List<Map<String, String>> partitions) {
    List<StructField> fields = new ArrayList<>();
    dataset
        .partitionBy()
        .forEach(name -> fields.add(DataTypes.createStructField(name, DataTypes.StringType, true)));
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> values : partitions) {
      rows.add(RowFactory.create(dataset.partitionBy().stream().map(values::get).toArray()));
    }
    return like.sparkSession()
        .createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
  }

  private scala.collection.immutable.Seq<String> partitionNames() {
    return scala.jdk.javaapi.CollectionConverters.asScala(dataset.partitionBy()).toList();
  }

  /** Curated rows read back: partition values come back as strings and lack batch-only columns. */
  private static Dataset<Row> alignedTo(Dataset<Row> batch, Dataset<Row> existing) {
    List<String> existingColumns = List.of(existing.columns());
    List<Column> select = new ArrayList<>();
    for (StructField field : batch.schema().fields()) {
      if (existingColumns.contains(field.name())) {
        select.add(col(field.name()).cast(field.dataType()).as(field.name()));
      }
    }
    for (String name : existingColumns) {
      if (!List.of(batch.columns()).contains(name)) {
        select.add(col(name));
      }
    }
    return existing.select(select.toArray(Column[]::new));
  }

  /**
   * Under latest-ingested, re-sent copies of a row that is already curated must not replace it
   * (that would rewrite the partition with new lineage on every rerun): when the batch's best row
   * for a key has the curated row's content, it ranks below the curated one. Priority: new rows
   * otherwise 2, curated row 1, a re-sent row 0.
   */
  private Column latestPriority(WindowSpec byKey) {
    Column isNew = col(ORIGIN).equalTo(NEW);
    Column content =
        xxhash64(
            to_json(
                struct(dataset.columns().stream().map(c -> col(c.name())).toArray(Column[]::new))));
    Column newContent = max(when(isNew, content)).over(byKey);
    Column curatedContent = max(when(isNew.unary_$bang(), content)).over(byKey);
    Column resent = coalesce(newContent.equalTo(curatedContent), lit(false));
    return when(isNew.and(resent), 0).when(isNew, 2).otherwise(1);
  }

  /**
   * Preferred columns first, then ingestion order: within the batch the file's id (its place in
   * arrival order, see {@link SourceFiles}) and the record's place in it; against curated rows also
   * origin and ingestion time.
   */
  private Column[] ordering(boolean withPriority, String... ingestionOrder) {
    List<Column> order = new ArrayList<>();
    for (String preferred : dataset.dedupe().preferMax()) {
      order.add(col(preferred).desc_nulls_last());
    }
    if (withPriority) {
      order.add(col(PRIORITY).desc());
    }
    for (String name : ingestionOrder) {
      order.add(latest ? col(name).desc_nulls_last() : col(name).asc_nulls_last());
    }
    return order.toArray(Column[]::new);
  }

  /**
   * The dedupe key, then the partition columns not in it (the key determines them). Sorting for the
   * window compares the first column by a prefix, so the key's event time, when it has one, leads:
   * partition values repeat across thousands of rows and would decide nothing.
   */
  private Column[] keyColumns() {
    List<String> names = new ArrayList<>();
    if (dataset.dedupe().key().contains(dataset.eventTime())) {
      names.add(dataset.eventTime());
    }
    dataset.dedupe().key().stream().filter(k -> !names.contains(k)).forEach(names::add);
    dataset.partitionBy().stream().filter(k -> !names.contains(k)).forEach(names::add);
    return columns(names);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
