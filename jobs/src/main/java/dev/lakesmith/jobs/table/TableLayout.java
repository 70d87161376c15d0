package dev.lakesmith.jobs.table;

import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.layout.OutputLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Where a dataset's rows live: {@code <output>/<dataset>/<col>=<value>/...}. */
public record TableLayout(String root, List<String> partitionColumns) {

  public static TableLayout of(String output, DatasetConfig dataset) {
    return new TableLayout(OutputLayout.trim(output) + "/" + dataset.name(), dataset.partitionBy());
  }

  /** Partition values of a row whose first fields are the partition columns, in order. */
  public Map<String, String> values(Row row) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < partitionColumns.size(); i++) {
      values.put(partitionColumns.get(i), String.valueOf(row.get(i)));
    }
    return values;
  }

  public String path(Map<String, String> values) {
    StringBuilder path = new StringBuilder(root);
    for (String column : partitionColumns) {
      path.append('/').append(column).append('=').append(values.get(column));
    }
    return path.toString();
  }
}
