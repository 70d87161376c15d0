package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakesmith.jobs.record.RawRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files read row group by row group with parquet-hadoop's record API, so each file's own
 * schema (Firehose conversion, other writers) is read as it is, without a table schema imposed.
 * Strings, whole numbers, floating point, booleans and decimals map to raw values; nested groups
 * and lists are kept as text. Typed timestamps keep their meaning: UTC-adjusted ones (and legacy
 * INT96) are {@link Instant}s, local ones ({@code isAdjustedToUTC=false}, Spark's TIMESTAMP_NTZ)
 * are {@link LocalDateTime}s that the column's zone places like naive text.
 */
public final class ParquetRecordDecoder implements RecordDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Records open(Configuration conf, String file) throws IOException {
    ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf));
    try {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      return new Records(new Rows(reader, schema, file), reader);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static final class Rows implements Iterator<Decoded> {
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final MessageColumnIO columnIO;
    private final List<String> fields;
    private final String file;
    private RecordReader<Group> rowGroup;
    private long remaining;
    private long index;

    Rows(ParquetFileReader reader, MessageType schema, String file) {
      this.reader = reader;
      this.schema = schema;
      this.columnIO = new ColumnIOFactory().getColumnIO(schema);
      this.fields = schema.getFields().stream().map(Type::getName).toList();
      this.file = file;
    }

    @Override
    public boolean hasNext() {
      try {
        while (remaining == 0) {
          PageReadStore pages = reader.readNextRowGroup();
          if (pages == null) {
            return false;
          }
          remaining = pages.getRowCount();
          rowGroup = columnIO.getRecordReader(pages, new GroupRecordConverter(schema));
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Decoded next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      remaining--;
      return new Decoded.Ok(index++, new ParquetRawRecord(rowGroup.read(), fields, file));
    }
  }

  private record ParquetRawRecord(Group group, List<String> fields, String file)
      implements RawRecord {
    @Override
    public Object value(List<String> path) {
      Group node = group;
      for (int i = 0; i < path.size(); i++) {
        GroupType type = node.getType();
        if (!type.containsField(path.get(i))) {
          return null;
        }
        int field = type.getFieldIndex(path.get(i));
        if (node.getFieldRepetitionCount(field) == 0) {
          return null;
        }
        Type fieldType = type.getType(field);
        if (i == path.size() - 1 || fieldType.isPrimitive()) {
          return i == path.size() - 1 ? value(node, field, fieldType) : null;
        }
        node = node.getGroup(field, 0);
      }
      return null;
    }

    private static Object value(Group group, int field, Type type) {
      if (!type.isPrimitive() || group.getFieldRepetitionCount(field) > 1) {
        return new Nested(group.toString());
      }
      PrimitiveType primitive = type.asPrimitiveType();
      LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
      if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
        BigInteger unscaled =
            switch (primitive.getPrimitiveTypeName()) {
              case INT32 -> BigInteger.valueOf(group.getInteger(field, 0));
              case INT64 -> BigInteger.valueOf(group.getLong(field, 0));
              default -> new BigInteger(group.getBinary(field, 0).getBytes());
            };
        return new BigDecimal(unscaled, decimal.getScale());
      }
      return switch (primitive.getPrimitiveTypeName()) {
        case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getBinary(field, 0).toStringUsingUTF8();
        case INT32 ->
            logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                ? LocalDate.ofEpochDay(group.getInteger(field, 0)).toString()
                : (Object) (long) group.getInteger(field, 0);
        case INT64 ->
            logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                ? timestamp(group.getLong(field, 0), ts)
                : (Object) group.getLong(field, 0);
        case INT96 -> int96(group.getInt96(field, 0));
        case BOOLEAN -> group.getBoolean(field, 0);
        case FLOAT -> (double) group.getFloat(field, 0);
        case DOUBLE -> group.getDouble(field, 0);
      };
    }

    private static Object timestamp(
        long value, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation type) {
      Instant instant = instant(value, type.getUnit());
      return type.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(long value, LogicalTypeAnnotation.TimeUnit unit) {
      return switch (unit) {
        case MILLIS -> Instant.ofEpochMilli(value);
        case MICROS -> Instant.EPOCH.plus(value, ChronoUnit.MICROS);
        case NANOS -> Instant.EPOCH.plusNanos(value);
      };
    }

    /** Legacy Impala/Hive timestamps: nanos of day then Julian day, little-endian. */
    private static Instant int96(Binary binary) {
      ByteBuffer bytes = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = bytes.getLong();
      int julianDay = bytes.getInt();
      return Instant.EPOCH.plus(julianDay - 2_440_588L, ChronoUnit.DAYS).plusNanos(nanosOfDay);
    }

    /** The record as one JSON object of its top-level fields, for its quarantine row. */
    @Override
    public String rawText() {
      StringWriter text = new StringWriter();
      try (JsonGenerator json = JSON.createGenerator(text)) {
        json.writeStartObject();
        for (String name : fields) {
          json.writeFieldName(name);
          Object value;
          try {
            value = value(List.of(name));
          } catch (RuntimeException e) {
            // The value that made the record a quarantine row must not fail the row itself.
            value = "unreadable value: " + ReadFailures.typeAndMessage(e);
          }
          if (value == null) {
            json.writeNull();
          } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
          } else if (value instanceof Long l) {
            json.writeNumber(l);
          } else if (value instanceof Double d) {
            json.writeNumber(d);
          } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
          } else {
            json.writeString(value.toString());
          }
        }
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return text.toString();
    }

    @Override
    public Optional<String> whyMissing(List<String> path) {
      GroupType type = group.getType();
      for (String step : path) {
        if (!type.containsField(step)) {
          return Optional.of(
              "the Parquet schema of file "
                  + file
                  + " has no field '"
                  + String.join(".", path)
                  + "'");
        }
        Type field = type.getType(step);
        if (field.isPrimitive()) {
          break;
        }
        type = field.asGroupType();
      }
      return Optional.empty();
    }

    @Override
    public List<String> fieldNames() {
      return fields;
    }
  }
}
