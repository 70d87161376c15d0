package dev.lakesmith.jobs.manifest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import dev.lakesmith.jobs.config.DatasetConfig;
import dev.lakesmith.jobs.config.GapSpec;
import dev.lakesmith.jobs.write.ExistingPartitions;
import dev.lakesmith.jobs.write.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Computes the manifest's {@link Gaps} from the curated rows of the partitions a run touched, after
 * the write: a few small aggregations over the key and time columns only. For a day cadence keyed
 * by partitions alone, days curated by earlier runs (seen as partition directories, one listing per
 * group) are not reported missing.
 */
public final class GapReport {
  private static final String DAY = "_gap_day";
  private static final String UNIT = "_gap_unit";
  private static final String ROWS = "_gap_rows";
  private static final String PREV = "_gap_prev";
  private static final String MISSING = "_gap_missing";
  private static final String NULL_KEY = "(null)";

  private GapReport() {}

  public static Gaps compute(
      SparkSession spark,
      TableLayout layout,
      DatasetConfig dataset,
      GapSpec spec,
      List<Map<String, String>> touched) {
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(dataset.valuePartitionColumns()));
    spec.groupBy().stream().filter(c -> !keys.contains(c)).forEach(keys::add);
    String cadence = spec.cadence().name().toLowerCase(Locale.ROOT);
    Optional<Dataset<Row>> curated =
        spec.cadence() == GapSpec.Cadence.NONE
            ? Optional.empty()
            : ExistingPartitions.read(spark, layout, touched);
    if (curated.isEmpty()) {
      return new Gaps(cadence, keys, 0, 0, List.of());
    }
    boolean byDay = spec.cadence() == GapSpec.Cadence.DAY;
    boolean dayIsPartition = dataset.partitionBy().contains(dataset.eventDateColumn());
    List<Column> select = new ArrayList<>();
    keys.forEach(k -> select.add(coalesce(col(k).cast("string"), lit(NULL_KEY)).as(k)));
    select.add(
        (dayIsPartition
                ? col(dataset.eventDateColumn())
                : date_format(
                    from_utc_timestamp(col(dataset.eventTime()), dataset.partitionZone().getId()),
                    "yyyy-MM-dd"))
            .as(DAY));
    select.add(col(dataset.eventTime()));
    Dataset<Row> rows = curated.get().select(select.toArray(Column[]::new));
    Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);

    Column unit = byDay ? to_date(col(DAY)) : date_trunc("minute", col(dataset.eventTime()));
    List<Column> unitGroup = new ArrayList<>(List.of(keyColumns));
    unitGroup.add(unit.as(UNIT));
    Dataset<Row> units = rows.groupBy(unitGroup.toArray(Column[]::new)).agg(count(lit(1)).as(ROWS));
    if (byDay && dayIsPartition && spec.groupBy().isEmpty()) {
      units = units.unionByName(earlierDays(spark, layout, dataset, touched, units));
    }
    units = units.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return report(rows, units, keys, keyColumns, byDay, spec, cadence);
    } finally {
      units.unpersist();
    }
  }

  private static Gaps report(
      Dataset<Row> rows,
      Dataset<Row> units,
      List<String> keys,
      Column[] keyColumns,
      boolean byDay,
      GapSpec spec,
      String cadence) {
    WindowSpec byGroup = Window.partitionBy(keyColumns).orderBy(col(UNIT));
    Column step =
        byDay
            ? datediff(col(UNIT), col(PREV))
            : unix_seconds(col(UNIT)).minus(unix_seconds(col(PREV))).divide(60).cast("long");
    Dataset<Row> withGaps =
        units
            .withColumn(PREV, lag(col(UNIT), 1).over(byGroup))
            .withColumn(MISSING, coalesce(step.minus(1), lit(0L)).cast("long"));
    Dataset<Row> summary =
        withGaps
            .groupBy(keyColumns)
            .agg(min(UNIT).as("first"), max(UNIT).as("last"), sum(MISSING).as("missing"));
    Row totals =
        summary
            .agg(count(lit(1)), sum(when(col("missing").gt(0), 1).otherwise(0)).cast("long"))
            .first();
    List<Column> order = new ArrayList<>(List.of(col("missing").gt(0).desc()));
    order.addAll(List.of(keyColumns));
    List<Column> summaryColumns = new ArrayList<>(List.of(keyColumns));
    summaryColumns.add(format(col("first"), byDay));
    summaryColumns.add(format(col("last"), byDay));
    summaryColumns.add(col("missing"));
    Dataset<Row> listed =
        summary
            .orderBy(order.toArray(Column[]::new))
            .limit(spec.maxGroups())
            .select(summaryColumns.toArray(Column[]::new));
    Map<List<String>, GroupDraft> groups = new LinkedHashMap<>();
    for (Row row : listed.collectAsList()) {
      groups.put(key(row, keys.size()), new GroupDraft(row, keys.size()));
    }
    if (groups.isEmpty()) {
      return new Gaps(cadence, keys, totals.getLong(0), totals.getLong(1), List.of());
    }
    Dataset<Row> listedKeys = broadcast(listed.select(keyColumns));

    Column from = byDay ? expr("date_add(" + PREV + ", 1)") : expr(PREV + " + INTERVAL 1 MINUTE");
    Column to = byDay ? expr("date_sub(" + UNIT + ", 1)") : expr(UNIT + " - INTERVAL 1 MINUTE");
    List<Column> rangeColumns = new ArrayList<>(List.of(keyColumns));
    rangeColumns.addAll(List.of(format(from, byDay), format(to, byDay), col(MISSING)));
    for (Row row :
        withGaps
            .filter(col(MISSING).gt(0))
            .withColumn("_n", row_number().over(Window.partitionBy(keyColumns).orderBy(UNIT)))
            .filter(col("_n").leq(spec.maxListed()))
            .join(listedKeys, scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq())
            .select(rangeColumns.toArray(Column[]::new))
            .collectAsList()) {
      int n = keys.size();
      groups
          .get(key(row, n))
          .ranges
          .add(new Gaps.Range(row.getString(n), row.getString(n + 1), row.getLong(n + 2)));
    }
    List<Column> dayGroup = new ArrayList<>(List.of(keyColumns));
    dayGroup.add(col(DAY));
    for (Row row :
        rows.groupBy(dayGroup.toArray(Column[]::new))
            .agg(count(lit(1)))
            .join(listedKeys, scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq())
            .collectAsList()) {
      int n = keys.size();
      groups.get(key(row, n)).rowsPerDay.put(row.getString(n), row.getLong(n + 1));
    }
    return new Gaps(
        cadence,
        keys,
        totals.getLong(0),
        totals.getLong(1),
        groups.values().stream().map(g -> g.build(keys)).toList());
  }

  /**
   * Days between a group's first and last touched day that earlier runs curated: their partition
   * directories exist although this run did not touch them. One listing per group.
   */
  private static Dataset<Row> earlierDays(
      SparkSession spark,
      TableLayout layout,
      DatasetConfig dataset,
      List<Map<String, String>> touched,
      Dataset<Row> units) {
    String day = dataset.eventDateColumn();
    Map<Map<String, String>, TreeSet<String>> daysByGroup = new LinkedHashMap<>();
    for (Map<String, String> values : touched) {
      Map<String, String> group = new LinkedHashMap<>(values);
      group.remove(day);
      daysByGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(values.get(day));
    }
    List<Row> earlier = new ArrayList<>();
    try {
      FileSystem fs =
          new Path(layout.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (Map.Entry<Map<String, String>, TreeSet<String>> group : daysByGroup.entrySet()) {
        Map<String, String> glob = new LinkedHashMap<>(group.getKey());
        glob.put(day, "*");
        FileStatus[] dirs = fs.globStatus(new Path(layout.path(glob)));
        for (FileStatus dir : dirs == null ? new FileStatus[0] : dirs) {
          String value = dir.getPath().getName().substring(day.length() + 1);
          TreeSet<String> days = group.getValue();
          if (dir.isDirectory()
              && !days.contains(value)
              && value.compareTo(days.first()) > 0
              && value.compareTo(days.last()) < 0) {
            List<Object> row =
                new ArrayList<>(
                    dataset.valuePartitionColumns().stream()
                        .map(c -> (Object) group.getKey().get(c))
                        .toList());
            row.add(Date.valueOf(LocalDate.parse(value)));
            row.add(0L);
            earlier.add(RowFactory.create(row.toArray()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list partitions under " + layout.root(), e);
    }
    return spark.createDataFrame(earlier, units.schema());
  }

  private static Column format(Column unit, boolean byDay) {
    return date_format(unit, byDay ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm'Z'");
  }

  private static List<String> key(Row row, int size) {
    List<String> key = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      key.add(row.getString(i));
    }
    return key;
  }

  /** One listed group while its ranges and daily counts are collected. */
  private static final class GroupDraft {
    final Row summary;
    final int keys;
    final List<Gaps.Range> ranges = new ArrayList<>();
    final Map<String, Long> rowsPerDay = new TreeMap<>();

    GroupDraft(Row summary, int keys) {
      this.summary = summary;
      this.keys = keys;
    }

    Gaps.Group build(List<String> names) {
      Map<String, String> key = new LinkedHashMap<>();
      for (int i = 0; i < keys; i++) {
        key.put(names.get(i), summary.getString(i));
      }
      ranges.sort((a, b) -> a.from().compareTo(b.from()));
      return new Gaps.Group(
          key,
          summary.getString(keys),
          summary.getString(keys + 1),
          summary.getLong(keys + 2),
          List.copyOf(ranges),
          rowsPerDay);
    }
  }
}
