package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.QuarantineRaw;
import dev.lakesmith.jobs.record.RawRecord;
import dev.lakesmith.jobs.validate.RowBuilder;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What one read task makes of a file that breaks off, or of one record that breaks the code. */
class SplitReaderTest {
  private static final DatasetConfig EVENTS =
      ConfigLoader.load(List.of(), List.of()).dataset("events");
  private static final int VALUES = EVENTS.columns().size() + 1;
  private static final SourceFile FILE = new SourceFile(7, "s3a://b/in/f.gz", 100);

  private static RawRecord record(String name) {
    return new RawRecord() {
      @Override
      public Object value(List<String> path) {
        return switch (path.get(0)) {
          case "name" -> name;
          case "tstamp" -> "2023-06-18 14:27:52.000000";
          default -> "p";
        };
      }

      @Override
      public String rawText() {
        return "{\"name\":\"" + name + "\"}";
      }
    };
  }

  /** A decoder yielding {@code records} and then failing with {@code failure}. */
  private static RecordDecoder decoder(List<RawRecord> records, RuntimeException failure) {
    return new RecordDecoder() {
      @Override
      public Records open(Configuration conf, String file) {
        Iterator<RawRecord> it = records.iterator();
        Iterator<Decoded> decoded =
            new Iterator<>() {
              private long index;

              @Override
              public boolean hasNext() {
                if (!it.hasNext() && failure != null) {
                  throw failure;
                }
                return it.hasNext();
              }

              @Override
              public Decoded next() {
                return new Decoded.Ok(index++, it.next());
              }
            };
        return new Records(decoded, () -> {});
      }
    };
  }

  private static List<Row> read(RecordDecoder decoder) {
    SplitReader reader =
        new SplitReader(
            new HadoopConf(new Configuration(false)),
            decoder,
            new RowBuilder(EVENTS, Instant.now()),
            EVENTS.columns().size(),
            QuarantineRaw.TEXT);
    List<Row> rows = new ArrayList<>();
    reader.read(List.of(FILE)).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void aConnectionResetMidFileIsThrownNamingTheFile() {
    UncheckedIOException failure =
        assertThrows(
            UncheckedIOException.class,
            () ->
                read(
                    decoder(
                        List.of(record("a"), record("b")),
                        new UncheckedIOException(new SocketException("Connection reset")))));
    assertEquals(
        "cannot read s3a://b/in/f.gz: SocketException: Connection reset", failure.getMessage());
  }

  @Test
  void aStreamThatEndsEarlyKeepsItsRecordsAndAddsOneRow() {
    List<Row> rows =
        read(
            decoder(
                List.of(record("a"), record("b")),
                new UncheckedIOException(new EOFException("Unexpected end of ZLIB input stream"))));
    assertEquals(3, rows.size());
    assertNull(rows.get(1).get(VALUES + 2));
    assertEquals(
        "unreadable file: Unexpected end of ZLIB input stream (after 2 records, which were kept)",
        rows.get(2).get(VALUES + 2));
    assertEquals(2L, rows.get(2).get(VALUES + 1));
  }

  @Test
  void aRecordThatOverflowsTheStackIsQuarantinedAndReadingGoesOn() {
    RawRecord overflowing =
        new RawRecord() {
          @Override
          public Object value(List<String> path) {
            throw new StackOverflowError();
          }

          @Override
          public String rawText() {
            return "[[[[";
          }
        };
    List<Row> rows = read(decoder(List.of(record("a"), overflowing, record("b")), null));
    assertEquals(3, rows.size());
    assertEquals("record could not be converted: StackOverflowError", rows.get(1).get(VALUES + 2));
    assertEquals("[[[[", rows.get(1).get(VALUES + 3));
    assertEquals("b", rows.get(2).get(0));
  }
}
