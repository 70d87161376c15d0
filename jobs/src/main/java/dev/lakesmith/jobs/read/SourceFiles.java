package dev.lakesmith.jobs.read;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.lakesmith.jobs.write.Lineage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The run's raw files by id, as a small table broadcast to the rows that need their path back (the
 * rows written and the quarantined ones).
 */
public final class SourceFiles {
  private final Dataset<Row> byId;

  private SourceFiles(Dataset<Row> byId) {
    this.byId = byId;
  }

  /** Ids are places in {@code files}, which is sorted by path. */
  public static SourceFiles of(SparkSession spark, List<RawFile> files) {
    List<Row> rows = new ArrayList<>(files.size());
    for (int id = 0; id < files.size(); id++) {
      rows.add(RowFactory.create(id, files.get(id).path()));
    }
    return new SourceFiles(
        spark.createDataFrame(
            rows,
            DataTypes.createStructType(
                List.of(
                    DataTypes.createStructField(ParsedSchema.FILE_ID, DataTypes.IntegerType, false),
                    DataTypes.createStructField(
                        Lineage.SOURCE_FILE, DataTypes.StringType, false)))));
  }

  /** {@code rows} with the file path ({@link Lineage#SOURCE_FILE}) in place of the file id. */
  public Dataset<Row> withPaths(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (String name : rows.columns()) {
      columns.add(name.equals(ParsedSchema.FILE_ID) ? col(Lineage.SOURCE_FILE) : col(name));
    }
    return rows.join(
            broadcast(byId),
            rows.col(ParsedSchema.FILE_ID).equalTo(byId.col(ParsedSchema.FILE_ID)),
            "left")
        .select(columns.toArray(Column[]::new));
  }
}
