package dev.lakesmith.jobs.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes raw files byte-for-byte reproducibly: gzip without mtime, fixed Avro sync markers. */
public final class RawWriters {
  /** Firehose record format conversion of {"timestamp": string, "heart_rate": int}. */
  public static final MessageType HEART_RATE =
      MessageTypeParser.parseMessageType(
          "message hive_schema { optional binary timestamp (STRING); optional int32 heart_rate; }");

  private RawWriters() {}

  public static Path text(Path file, String text, boolean gzip) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  public static Path avro(Path file, Schema schema, List<GenericRecord> records, long seed)
      throws IOException {
    Files.createDirectories(file.getParent());
    byte[] sync = new byte[16];
    new java.util.Random(seed).nextBytes(sync);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, Files.newOutputStream(file), sync);
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
    return file;
  }

  /** One reading per row: timestamp text (null allowed) and heart rate (null allowed). */
  public record Reading(String timestamp, Integer heartRate) {}

  /**
   * Firehose conversion with a typed schema: {"timestamp": TIMESTAMP(MICROS), "heart_rate": int}.
   */
  public static MessageType typedHeartRate(boolean adjustedToUtc) {
    return MessageTypeParser.parseMessageType(
        "message hive_schema { optional int64 timestamp (TIMESTAMP(MICROS,"
            + adjustedToUtc
            + ")); optional int32 heart_rate; }");
  }

  /** One typed reading: microseconds since the epoch (of UTC, or of the local wall clock). */
  public record TypedReading(long micros, int heartRate) {}

  public static Path typedHeartRateParquet(
      Path file, boolean adjustedToUtc, List<TypedReading> readings) throws IOException {
    MessageType schema = typedHeartRate(adjustedToUtc);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    List<Group> rows = new java.util.ArrayList<>();
    for (TypedReading reading : readings) {
      rows.add(
          groups
              .newGroup()
              .append("timestamp", reading.micros())
              .append("heart_rate", reading.heartRate()));
    }
    return parquet(file, schema, rows);
  }

  public static Path parquet(Path file, MessageType schema, List<Group> rows) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    }
    return file;
  }

  public static Path heartRateParquet(Path file, List<Reading> readings) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(HEART_RATE);
    List<Group> rows = new java.util.ArrayList<>();
    for (Reading reading : readings) {
      Group group = groups.newGroup();
      if (reading.timestamp() != null) {
        group.append("timestamp", reading.timestamp());
      }
      if (reading.heartRate() != null) {
        group.append("heart_rate", reading.heartRate());
      }
      rows.add(group);
    }
    return parquet(file, HEART_RATE, rows);
  }
}
