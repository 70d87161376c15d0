package dev.lakesmith.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads an events Iceberg table with Iceberg's own generic reader (no Spark), straight from the
 * embedded catalog's warehouse under the output, so a test sees what any Iceberg reader sees.
 */
final class IcebergReadback {
  private IcebergReadback() {}

  static Table table(Path output) {
    try (HadoopCatalog catalog =
        new HadoopCatalog(new Configuration(), output.resolve("_iceberg").toString())) {
      return catalog.loadTable(TableIdentifier.of("lakesmith", "events"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Record> records(Path output) {
    List<Record> records = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table(output)).build()) {
      rows.forEach(r -> records.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  /** Rows as name|UTC instant|d, sorted (the shape of {@link CuratedTable#rows}). */
  static List<String> rows(Path output) {
    return records(output).stream()
        .map(r -> r.getField("name") + "|" + instant(r) + "|" + r.getField("d"))
        .sorted()
        .toList();
  }

  /** The table as {@link TableState} shapes a Parquet output: rows per partition, row keys. */
  static TableState state(Path output) {
    Map<String, Long> partitions = new TreeMap<>();
    List<String> rows = new ArrayList<>();
    for (Record r : records(output)) {
      partitions.merge(r.getField("name") + "/" + r.getField("d"), 1L, Long::sum);
      rows.add(
          r.getField("name")
              + "|"
              + ChronoUnit.MICROS.between(java.time.Instant.EPOCH, instant(r))
              + "|"
              + r.getField("payload_md5"));
    }
    return new TableState(partitions, rows.stream().sorted().toList());
  }

  private static java.time.Instant instant(Record r) {
    return ((OffsetDateTime) r.getField("tstamp")).toInstant();
  }
}
