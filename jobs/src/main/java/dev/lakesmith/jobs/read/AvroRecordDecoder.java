package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.record.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro object container files, one record per datum, read with the writer's schema: no reader
 * schema is imposed, so a file whose schema lacks a declared field has its records quarantined with
 * a reason naming the file and the field rather than failing the run.
 */
public final class AvroRecordDecoder implements RecordDecoder {
  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>());
    Schema schema = stream.getSchema();
    if (schema.getType() != Schema.Type.RECORD) {
      return List.<Decoded>of(
              new Decoded.Bad(
                  0,
                  "Avro file " + sourceFile + " holds " + schema.getType() + " values, not records",
                  schema.toString()))
          .iterator();
    }
    List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
    return new Iterator<>() {
      private long index;

      @Override
      public boolean hasNext() {
        return stream.hasNext();
      }

      @Override
      public Decoded next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return new Decoded.Ok(index++, new AvroRawRecord(stream.next(), fields, sourceFile));
      }
    };
  }

  private record AvroRawRecord(GenericRecord record, List<String> fields, String file)
      implements RawRecord {
    @Override
    public Object value(List<String> path) {
      Object node = record;
      for (String step : path) {
        if (!(node instanceof GenericRecord r) || r.getSchema().getField(step) == null) {
          return null;
        }
        node = r.get(step);
      }
      return scalar(node);
    }

    private static Object scalar(Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof CharSequence
          || value instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
        return value.toString();
      }
      if (value instanceof Integer i) {
        return i.longValue();
      }
      if (value instanceof Long || value instanceof Boolean) {
        return value;
      }
      if (value instanceof Float || value instanceof Double) {
        return value;
      }
      if (value instanceof ByteBuffer
          || value instanceof GenericContainer
          || value instanceof Map<?, ?>
          || value instanceof List<?>) {
        return new Nested(value.toString());
      }
      return value.toString();
    }

    @Override
    public String rawText() {
      return record.toString();
    }

    @Override
    public Optional<String> whyMissing(List<String> path) {
      Schema schema = record.getSchema();
      for (String step : path) {
        Schema.Field field = schema.getField(step);
        if (field == null) {
          return Optional.of(
              "the Avro schema of file " + file + " has no field '" + String.join(".", path) + "'");
        }
        schema = nonNull(field.schema());
        if (schema.getType() != Schema.Type.RECORD) {
          break;
        }
      }
      return Optional.empty();
    }

    private static Schema nonNull(Schema schema) {
      if (schema.getType() == Schema.Type.UNION) {
        return schema.getTypes().stream()
            .filter(s -> s.getType() != Schema.Type.NULL)
            .findFirst()
            .orElse(schema);
      }
      return schema;
    }

    @Override
    public List<String> fieldNames() {
      return fields;
    }
  }
}
