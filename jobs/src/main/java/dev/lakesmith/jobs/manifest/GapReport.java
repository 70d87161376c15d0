package dev.lakesmith.jobs.manifest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;

import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.GapSpec;
import dev.lakesmith.core.manifest.DenseRange;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.jobs.table.TableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Computes the manifest's {@link Gaps} from the curated rows of the partitions a run touched, then
 * the gaps on the driver. When groups and days are partition values, the dedupe's row counts per
 * partition are the answer; otherwise one aggregation of row counts per group, day and unit over
 * the stored dedupe result (nothing is read back). Each group's units are split into a dense range
 * and outliers ({@link DenseRange}); only units missing inside the dense range are gaps. For a day
 * cadence keyed by partitions alone, days curated by earlier runs (seen as partition directories,
 * one listing per group) are not missing.
 */
public final class GapReport {
  private static final String DAY = "_gap_day";
  private static final String UNIT = "_gap_unit";
  private static final String NULL_KEY = "(null)";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private GapReport() {}

  /**
   * @param curated every row of the touched partitions after dedupe
   * @param curatedRows their row counts per partition: the answer when groups and days are
   *     partition values, so the rows need no pass
   */
  public static Gaps compute(
      SparkSession spark,
      TableLayout layout,
      DatasetConfig dataset,
      GapSpec spec,
      Dataset<Row> curated,
      Map<Map<String, String>, Long> curatedRows) {
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(dataset.valuePartitionColumns()));
    spec.groupBy().stream().filter(c -> !keys.contains(c)).forEach(keys::add);
    String cadence = spec.cadence().name().toLowerCase(Locale.ROOT);
    if (spec.cadence() == GapSpec.Cadence.NONE) {
      return new Gaps(cadence, keys, 0, 0, List.of());
    }
    boolean byDay = spec.cadence() == GapSpec.Cadence.DAY;
    boolean dayIsPartition = dataset.partitionBy().contains(dataset.eventDateColumn());
    Map<List<String>, GroupUnits> groups = new LinkedHashMap<>();
    if (byDay && dayIsPartition && dataset.partitionBy().containsAll(keys)) {
      curatedRows.forEach(
          (partition, rows) -> {
            if (rows > 0) {
              List<String> key = new ArrayList<>();
              keys.forEach(k -> key.add(Objects.requireNonNullElse(partition.get(k), NULL_KEY)));
              String day = partition.get(dataset.eventDateColumn());
              groups
                  .computeIfAbsent(key, k -> new GroupUnits())
                  .add(day, LocalDate.parse(day).toEpochDay(), rows);
            }
          });
    } else {
      aggregate(dataset, keys, byDay, dayIsPartition, curated, groups);
    }
    if (byDay && dayIsPartition && spec.groupBy().isEmpty()) {
      addEarlierDays(spark, layout, dataset, keys, groups);
    }
    List<Gaps.Group> all = new ArrayList<>();
    groups.forEach((key, units) -> all.add(units.group(keys, key, byDay, spec.maxListed())));
    all.sort(
        Comparator.comparing((Gaps.Group g) -> g.missing() == 0)
            .thenComparing(g -> String.join("\u0000", g.key().values())));
    long withGaps = all.stream().filter(g -> g.missing() > 0).count();
    return new Gaps(
        cadence,
        keys,
        all.size(),
        withGaps,
        List.copyOf(all.subList(0, Math.min(spec.maxGroups(), all.size()))));
  }

  /** One aggregation of row counts per group, day and unit over the curated rows. */
  private static void aggregate(
      DatasetConfig dataset,
      List<String> keys,
      boolean byDay,
      boolean dayIsPartition,
      Dataset<Row> curated,
      Map<List<String>, GroupUnits> groups) {
    List<Column> group = new ArrayList<>();
    keys.forEach(k -> group.add(coalesce(col(k).cast("string"), lit(NULL_KEY)).as(k)));
    group.add(
        (dayIsPartition
                ? col(dataset.eventDateColumn())
                : date_format(
                    from_utc_timestamp(col(dataset.eventTime()), dataset.partitionZone().getId()),
                    "yyyy-MM-dd"))
            .as(DAY));
    if (!byDay) {
      group.add(unix_seconds(col(dataset.eventTime())).divide(60).cast("long").as(UNIT));
    }
    int n = keys.size();
    for (Row row :
        curated.groupBy(group.toArray(Column[]::new)).agg(count(lit(1))).collectAsList()) {
      List<String> key = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        key.add(row.getString(i));
      }
      String day = row.getString(n);
      long rows = row.getLong(byDay ? n + 1 : n + 2);
      long unit = byDay ? LocalDate.parse(day).toEpochDay() : row.getLong(n + 1);
      groups.computeIfAbsent(key, k -> new GroupUnits()).add(day, unit, rows);
    }
  }

  /**
   * Days strictly between a group's first and last touched day whose partition directory exists:
   * earlier runs curated them, so they are not missing. One listing per group.
   */
  private static void addEarlierDays(
      SparkSession spark,
      TableLayout layout,
      DatasetConfig dataset,
      List<String> keys,
      Map<List<String>, GroupUnits> groups) {
    String dayColumn = dataset.eventDateColumn();
    try {
      FileSystem fs =
          new Path(layout.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (Map.Entry<List<String>, GroupUnits> group : groups.entrySet()) {
        Map<String, String> glob = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          glob.put(keys.get(i), group.getKey().get(i));
        }
        glob.put(dayColumn, "*");
        FileStatus[] dirs = fs.globStatus(new Path(layout.path(glob)));
        GroupUnits units = group.getValue();
        for (FileStatus dir : dirs == null ? new FileStatus[0] : dirs) {
          String day = dir.getPath().getName().substring(dayColumn.length() + 1);
          long unit = LocalDate.parse(day).toEpochDay();
          if (dir.isDirectory() && unit > units.first() && unit < units.last()) {
            units.seenEarlier(unit);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list partitions under " + layout.root(), e);
    }
  }

  /** Row counts of one group by unit (epoch day or epoch minute) and by event day. */
  private static final class GroupUnits {
    final TreeMap<Long, Long> units = new TreeMap<>();
    final Map<String, Long> rowsPerDay = new TreeMap<>();

    void add(String day, long unit, long rows) {
      units.merge(unit, rows, Long::sum);
      rowsPerDay.merge(day, rows, Long::sum);
    }

    void seenEarlier(long unit) {
      units.putIfAbsent(unit, 0L);
    }

    long first() {
      return units.firstKey();
    }

    long last() {
      return units.lastKey();
    }

    Gaps.Group group(List<String> names, List<String> key, boolean byDay, int maxListed) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), key.get(i));
      }
      DenseRange.Split split = DenseRange.split(units, DenseRange.DEFAULT_MIN_GAP);
      DenseRange.Cluster dense = split.dense();
      long missing = 0;
      List<Gaps.Range> ranges = new ArrayList<>();
      Long previous = null;
      for (long unit : units.subMap(dense.first(), true, dense.last(), true).keySet()) {
        if (previous != null && unit - previous > 1) {
          missing += unit - previous - 1;
          if (ranges.size() < maxListed) {
            ranges.add(
                new Gaps.Range(
                    format(previous + 1, byDay), format(unit - 1, byDay), unit - previous - 1));
          }
        }
        previous = unit;
      }
      List<Gaps.Outlier> outliers =
          split.outliers().stream()
              .limit(maxListed)
              .map(
                  c ->
                      new Gaps.Outlier(
                          format(c.first(), byDay), format(c.last(), byDay), c.units(), c.rows()))
              .toList();
      return new Gaps.Group(
          values,
          format(dense.first(), byDay),
          format(dense.last(), byDay),
          missing,
          List.copyOf(ranges),
          rowsPerDay,
          outliers);
    }

    private static String format(long unit, boolean byDay) {
      return byDay
          ? LocalDate.ofEpochDay(unit).toString()
          : MINUTE.format(Instant.ofEpochSecond(unit * 60));
    }
  }
}
