package dev.lakesmith.jobs.read;

import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.DatasetConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Shape of the rows coming out of reading: declared columns, the event date, then bookkeeping. Good
 * rows have a null {@link #REASON}; quarantined rows have a reason and the raw text. A row names
 * its file by {@link #FILE_ID}, the file's place in the listing in ingest order ({@link
 * SourceFiles} gives the path back): a number costs far less than a long path in the shuffle, sort
 * and cache, and orders files by arrival.
 */
public final class ParsedSchema {
  public static final String FILE_ID = "_file_id";
  public static final String RECORD_INDEX = "_record_index";
  public static final String REASON = "_reason";
  public static final String RAW = "_raw";
  static final int BOOKKEEPING = 4;

  private ParsedSchema() {}

  public static StructType of(DatasetConfig dataset) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : dataset.columns()) {
      fields.add(DataTypes.createStructField(column.name(), sparkType(column), true));
    }
    fields.add(DataTypes.createStructField(dataset.eventDateColumn(), DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(FILE_ID, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(RECORD_INDEX, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  public static DataType sparkType(ColumnSpec column) {
    return switch (column.type()) {
      case STRING -> DataTypes.StringType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DOUBLE_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true);
      case STRING_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
    };
  }
}
