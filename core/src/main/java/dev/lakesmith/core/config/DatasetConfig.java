package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.time.DstOverlap;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the pipeline needs to know about one dataset; the pipeline itself has no
 * dataset-specific code, so a new dataset is a new block in conf/.
 *
 * @param input raw input root (local path or URI); the source path is matched beneath it
 * @param eventTime the timestamp column whose instant decides the event-date partition
 * @param eventDateColumn name of the derived partition column holding the event date
 * @param partitionBy partition directories in order: string columns or the event-date column
 * @param quarantineRaw what quarantine rows keep of a rejected record's raw text
 * @param unmatchedFiles what files in the slice's folders that the source path misses do to a run
 * @param tableFormat how the curated table is stored (Hive-style Parquet or Iceberg)
 */
public record DatasetConfig(
    String name,
    String table,
    String input,
    SourceSpec source,
    List<ColumnSpec> columns,
    String eventTime,
    String eventDateColumn,
    ZoneId partitionZone,
    List<String> partitionBy,
    String partitionValuePattern,
    DedupeSpec dedupe,
    DstOverlap dstOverlap,
    double maxBadFraction,
    Instant validFrom,
    Duration validUntilAhead,
    QuarantineRaw quarantineRaw,
    UnmatchedFiles unmatchedFiles,
    TableFormat tableFormat)
    implements Serializable {

  public DatasetConfig {
    String where = "dataset '" + name + "'";
    Names.identifier(table, where + " table");
    columns = List.copyOf(columns);
    partitionBy = List.copyOf(partitionBy);
    if (columns.isEmpty()) {
      throw JobFailure.config(where + " declares no columns");
    }
    Set<String> names = new HashSet<>();
    for (ColumnSpec column : columns) {
      if (!names.add(column.name())) {
        throw JobFailure.config(where + ": column '" + column.name() + "' is declared twice");
      }
    }
    Names.identifier(eventDateColumn, where + " event-date-column");
    if (names.contains(eventDateColumn)) {
      throw JobFailure.config(
          where
              + ": event-date-column '"
              + eventDateColumn
              + "' clashes with a declared column; pick another name");
    }
    ColumnSpec timeColumn = column(columns, eventTime, where + " event-time");
    if (timeColumn.type() != ColumnType.TIMESTAMP) {
      throw JobFailure.config(where + ": event-time '" + eventTime + "' is not a timestamp column");
    }
    for (String key : dedupe.key()) {
      ColumnType type = column(columns, key, where + " dedupe.key").type();
      if (type == ColumnType.DOUBLE_MAP || type == ColumnType.STRING_MAP) {
        throw JobFailure.config(where + ": dedupe.key column '" + key + "' is a map");
      }
    }
    checkTextColumns(where, columns);
    for (ColumnSpec column : columns) {
      if (column.zoneFrom() != null) {
        ColumnSpec selector =
            column(
                columns, column.zoneFrom().column(), where + " '" + column.name() + "' zone-from");
        if (selector.type() != ColumnType.STRING) {
          throw JobFailure.config(
              where + ": zone-from column '" + selector.name() + "' must be a string column");
        }
      }
    }
    for (String preferred : dedupe.preferMax()) {
      column(columns, preferred, where + " dedupe.prefer-max");
    }
    checkPartitioning(where, columns, partitionBy, eventDateColumn, eventTime, dedupe);
    try {
      Pattern.compile(partitionValuePattern);
    } catch (RuntimeException e) {
      throw JobFailure.config(
          where + ": partition-value-pattern '" + partitionValuePattern + "' is not a regex");
    }
    if (!(maxBadFraction >= 0 && maxBadFraction <= 1)) {
      throw JobFailure.config(
          where
              + ": max-bad-fraction "
              + maxBadFraction
              + " is not between 0 and 1; use e.g. 0.01");
    }
  }

  /** Each string-map column is the text-column of exactly one double-map column. */
  private static void checkTextColumns(String where, List<ColumnSpec> columns) {
    Set<String> filled = new HashSet<>();
    for (ColumnSpec column : columns) {
      String text = column.textColumn();
      if (text == null) {
        continue;
      }
      if (column(columns, text, where + " '" + column.name() + "' text-column").type()
          != ColumnType.STRING_MAP) {
        throw JobFailure.config(
            where
                + ": text-column '"
                + text
                + "' of '"
                + column.name()
                + "' must be a string-map column; declare { name = "
                + text
                + ", type = string-map }");
      }
      if (!filled.add(text)) {
        throw JobFailure.config(
            where + ": string-map column '" + text + "' is the text-column of two columns");
      }
    }
    for (ColumnSpec column : columns) {
      if (column.type() == ColumnType.STRING_MAP && !filled.contains(column.name())) {
        throw JobFailure.config(
            where
                + ": string-map column '"
                + column.name()
                + "' is filled by no double-map; set text-column = "
                + column.name()
                + " on one");
      }
    }
  }

  /**
   * Only partitions the batch touches are compared against, so a key must always land in the same
   * partition: every partition column has to follow from the dedupe key.
   */
  private static void checkPartitioning(
      String where,
      List<ColumnSpec> columns,
      List<String> partitionBy,
      String eventDateColumn,
      String eventTime,
      DedupeSpec dedupe) {
    if (partitionBy.isEmpty()) {
      throw JobFailure.config(
          where + ": partition-by is empty; use e.g. [" + eventDateColumn + "]");
    }
    if (new HashSet<>(partitionBy).size() != partitionBy.size()) {
      throw JobFailure.config(where + ": partition-by " + partitionBy + " repeats a column");
    }
    for (String partition : partitionBy) {
      if (partition.equals(eventDateColumn)) {
        if (!dedupe.key().contains(eventTime)) {
          throw JobFailure.config(
              where
                  + ": partitioned by event date but event-time '"
                  + eventTime
                  + "' is not in dedupe.key "
                  + dedupe.key()
                  + "; add it so a fact always lands in one partition");
        }
        continue;
      }
      ColumnSpec column = column(columns, partition, where + " partition-by");
      if (column.type() != ColumnType.STRING && column.type() != ColumnType.LONG) {
        throw JobFailure.config(
            where + ": partition column '" + partition + "' must be a string or long column");
      }
      if (column.opaque()) {
        throw JobFailure.config(
            where
                + ": partition column '"
                + partition
                + "' is opaque, but partition values name directories; remove `opaque`");
      }
      if (!dedupe.key().contains(partition)) {
        throw JobFailure.config(
            where
                + ": partition column '"
                + partition
                + "' is not in dedupe.key "
                + dedupe.key()
                + "; add it so a fact always lands in one partition");
      }
    }
  }

  private static ColumnSpec column(List<ColumnSpec> columns, String name, String where) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                JobFailure.config(
                    where
                        + ": '"
                        + name
                        + "' is not a declared column; declared: "
                        + columns.stream().map(ColumnSpec::name).toList()));
  }

  /**
   * Why {@code command}, which acts on an Iceberg table, cannot act on this dataset, if it cannot:
   * one message for the job and for the launcher, which refuses before starting a cluster.
   */
  public Optional<String> notIcebergFor(String command) {
    return tableFormat == TableFormat.ICEBERG
        ? Optional.empty()
        : Optional.of(
            "dataset '"
                + name
                + "' is a "
                + ConfigEnums.spelling(tableFormat)
                + " table; "
                + command
                + " needs table-format = iceberg");
  }

  public ColumnSpec column(String columnName) {
    return column(columns, columnName, "dataset '" + name + "'");
  }

  public Optional<ColumnSpec> findColumn(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** Partition columns that come from declared columns (not the derived event date). */
  public List<String> valuePartitionColumns() {
    List<String> result = new ArrayList<>(partitionBy);
    result.remove(eventDateColumn);
    return result;
  }
}
