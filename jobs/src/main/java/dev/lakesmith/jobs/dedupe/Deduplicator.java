package dev.lakesmith.jobs.dedupe;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.lakesmith.jobs.config.DatasetConfig;
import dev.lakesmith.jobs.config.DedupeSpec;
import dev.lakesmith.jobs.read.ParsedSchema;
import dev.lakesmith.jobs.write.Lineage;
import dev.lakesmith.jobs.write.TableLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Keeps one row per dedupe key across the batch and the already curated rows of the partitions it
 * touches. Rows are clustered by partition first, so ranking and writing share one shuffle (the key
 * determines the partition, which {@link DatasetConfig} enforces).
 */
public final class Deduplicator {
  static final String ORIGIN = "_origin";
  static final String RANK = "_rank";
  static final String PRIORITY = "_priority";
  private static final int EXISTING = 0;
  private static final int NEW = 1;

  private final DatasetConfig dataset;
  private final TableLayout layout;

  public Deduplicator(DatasetConfig dataset, TableLayout layout) {
    this.dataset = dataset;
    this.layout = layout;
  }

  public DedupeResult dedupe(Dataset<Row> batch, Optional<Dataset<Row>> existing) {
    Dataset<Row> all = batch.withColumn(ORIGIN, lit(NEW));
    if (existing.isPresent()) {
      all =
          all.unionByName(alignedTo(batch, existing.get()).withColumn(ORIGIN, lit(EXISTING)), true);
    }
    Column[] partitionColumns = columns(dataset.partitionBy());
    LinkedHashSet<String> windowKeys = new LinkedHashSet<>(dataset.partitionBy());
    windowKeys.addAll(dataset.dedupe().key());
    WindowSpec byKey = Window.partitionBy(columns(new ArrayList<>(windowKeys)));
    Dataset<Row> clustered = all.repartition(partitionColumns);
    boolean latest = dataset.dedupe().keep() == DedupeSpec.Keep.LATEST_INGESTED;
    if (latest) {
      clustered = clustered.withColumn(PRIORITY, latestPriority(byKey, existing.isPresent()));
    }
    Dataset<Row> ranked =
        clustered
            .withColumn(RANK, row_number().over(byKey.orderBy(ordering(latest, latest))))
            .drop(PRIORITY)
            .persist(StorageLevel.MEMORY_AND_DISK());

    Column isNew = col(ORIGIN).equalTo(NEW);
    Column kept = col(RANK).equalTo(1);
    List<Row> perPartition =
        ranked
            .groupBy(partitionColumns)
            .agg(
                sum(when(kept, 1).otherwise(0)).as("rows"),
                sum(when(isNew.and(kept), 1).otherwise(0)).as("new_kept"),
                sum(when(isNew.and(kept.unary_$bang()), 1).otherwise(0)).as("new_dropped"),
                sum(when(isNew.unary_$bang().and(kept.unary_$bang()), 1).otherwise(0))
                    .as("replaced"))
            .collectAsList();

    int n = partitionColumns.length;
    List<DedupeResult.PartitionDelta> changed = new ArrayList<>();
    List<Row> changedKeys = new ArrayList<>();
    long dropped = 0;
    long written = 0;
    long replaced = 0;
    for (Row row : perPartition) {
      long newKept = row.getLong(n + 1);
      long newDropped = row.getLong(n + 2);
      long replacedHere = row.getLong(n + 3);
      dropped += newDropped;
      written += newKept;
      replaced += replacedHere;
      if (newKept > 0 || replacedHere > 0) {
        changed.add(new DedupeResult.PartitionDelta(layout.values(row), row.getLong(n), newKept));
        Object[] key = new Object[n];
        for (int i = 0; i < n; i++) {
          key[i] = row.get(i);
        }
        changedKeys.add(RowFactory.create(key));
      }
    }
    changed.sort(Comparator.comparing(d -> layout.path(d.values())));

    Dataset<Row> changedPartitions =
        batch.sparkSession().createDataFrame(changedKeys, ranked.select(partitionColumns).schema());
    Dataset<Row> curated = ranked.filter(kept).drop(ORIGIN, RANK, ParsedSchema.RECORD_INDEX);
    Dataset<Row> survivors =
        curated.join(broadcast(changedPartitions), scalaSeq(dataset.partitionBy()), "left_semi");
    return new DedupeResult(curated, survivors, changed, dropped, written, replaced, ranked);
  }

  private static scala.collection.immutable.Seq<String> scalaSeq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
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
   * for a key has the curated row's content, every new row for that key ranks below the curated
   * one. Priority: new rows otherwise 2, curated row 1, new rows of a re-sent key 0.
   */
  private Column latestPriority(WindowSpec byKey, boolean hasExisting) {
    Column isNew = col(ORIGIN).equalTo(NEW);
    if (!hasExisting) {
      return lit(2);
    }
    Column content =
        xxhash64(
            to_json(
                struct(dataset.columns().stream().map(c -> col(c.name())).toArray(Column[]::new))));
    List<Column> newFirst = new ArrayList<>(List.of(col(ORIGIN).desc()));
    newFirst.addAll(List.of(ordering(true, false)));
    Column bestNew =
        isNew.and(row_number().over(byKey.orderBy(newFirst.toArray(Column[]::new))).equalTo(1));
    Column bestNewContent = max(when(bestNew, content)).over(byKey);
    Column curatedContent = max(when(isNew.unary_$bang(), content)).over(byKey);
    Column resent = coalesce(bestNewContent.equalTo(curatedContent), lit(false));
    return when(isNew.and(resent), 0).when(isNew, 2).otherwise(1);
  }

  private Column[] ordering(boolean latest, boolean withPriority) {
    List<Column> order = new ArrayList<>();
    for (String preferred : dataset.dedupe().preferMax()) {
      order.add(col(preferred).desc_nulls_last());
    }
    if (withPriority) {
      order.add(col(PRIORITY).desc());
    }
    for (String name :
        List.of(ORIGIN, Lineage.INGESTED_AT, Lineage.SOURCE_FILE, ParsedSchema.RECORD_INDEX)) {
      order.add(latest ? col(name).desc_nulls_last() : col(name).asc_nulls_last());
    }
    return order.toArray(Column[]::new);
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
