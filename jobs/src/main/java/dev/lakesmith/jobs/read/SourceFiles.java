package dev.lakesmith.jobs.read;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.lakesmith.jobs.table.Lineage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The run's raw files with their ids, which rows carry instead of paths ({@link
 * ParsedSchema#FILE_ID}); as a small table it is broadcast to the rows that need their path back
 * (the rows written and the quarantined ones).
 */
public final class SourceFiles {
  private final List<SourceFile> files;
  private final Dataset<Row> byId;

  private SourceFiles(List<SourceFile> files, Dataset<Row> byId) {
    this.files = files;
    this.byId = byId;
  }

  /**
   * Ids are places in {@code listed}, which is in ingest order (arrival, then path), so ids order
   * like arrival: "latest ingested" is the largest id.
   */
  public static SourceFiles of(SparkSession spark, List<RawFile> listed) {
    List<SourceFile> files = new ArrayList<>(listed.size());
    List<Row> rows = new ArrayList<>(listed.size());
    for (int id = 0; id < listed.size(); id++) {
      RawFile file = listed.get(id);
      files.add(new SourceFile(id, file.path(), file.bytes()));
      rows.add(RowFactory.create(id, file.path()));
    }
    return new SourceFiles(
        List.copyOf(files),
        spark.createDataFrame(
            rows,
            DataTypes.createStructType(
                List.of(
                    DataTypes.createStructField(ParsedSchema.FILE_ID, DataTypes.IntegerType, false),
                    DataTypes.createStructField(
                        Lineage.SOURCE_FILE, DataTypes.StringType, false)))));
  }

  public List<SourceFile> files() {
    return files;
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
