package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.validate.BadValueException;
import dev.lakesmith.jobs.validate.RowBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one task's files into parsed rows ({@link ParsedSchema}): good rows carry typed values, bad
 * ones a reason and the raw text. A file that breaks off keeps the records read before the break
 * and adds one row for the unreadable rest, so nothing disappears silently.
 */
public final class SplitReader implements Serializable {
  private static final int MAX_RAW_CHARS = 64 * 1024;
  private final HadoopConf hadoop;
  private final RecordDecoder decoder;
  private final RowBuilder rowBuilder;
  private final int valueCount;

  public SplitReader(HadoopConf hadoop, RecordDecoder decoder, RowBuilder rowBuilder, int columns) {
    this.hadoop = hadoop;
    this.decoder = decoder;
    this.rowBuilder = rowBuilder;
    this.valueCount = columns + 1;
  }

  public Iterator<Row> read(List<SourceFile> files) {
    Iterator<SourceFile> fileIterator = files.iterator();
    return new Iterator<>() {
      private Iterator<Row> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!fileIterator.hasNext()) {
            return false;
          }
          current = readFile(fileIterator.next());
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private Iterator<Row> readFile(SourceFile file) {
    Closeable in;
    Iterator<Decoded> records;
    try {
      RecordDecoder.Records opened = decoder.open(hadoop.get(), file.path());
      in = opened.resource();
      records = opened.iterator();
    } catch (IOException | RuntimeException e) {
      return List.of(unreadable(file, 0, e)).iterator();
    }
    return new Iterator<>() {
      private long seen;
      private boolean done;
      private Row pending;

      @Override
      public boolean hasNext() {
        if (pending != null) {
          return true;
        }
        if (done) {
          return false;
        }
        try {
          if (records.hasNext()) {
            Decoded decoded = records.next();
            seen++;
            pending = toRow(file, decoded);
            return true;
          }
        } catch (UncheckedIOException e) {
          pending = unreadable(file, seen, e.getCause());
          closeQuietly(in);
          done = true;
          return true;
        } catch (RuntimeException e) {
          pending = unreadable(file, seen, e);
          closeQuietly(in);
          done = true;
          return true;
        }
        closeQuietly(in);
        done = true;
        return false;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
      }
    };
  }

  private Row toRow(SourceFile file, Decoded decoded) {
    if (decoded instanceof Decoded.Bad bad) {
      return badRow(file, bad.index(), bad.reason(), bad.rawText());
    }
    Decoded.Ok ok = (Decoded.Ok) decoded;
    try {
      Object[] values = rowBuilder.build(ok.record());
      Object[] row = new Object[valueCount + ParsedSchema.BOOKKEEPING];
      System.arraycopy(values, 0, row, 0, valueCount);
      row[valueCount] = file.id();
      row[valueCount + 1] = ok.index();
      return RowFactory.create(row);
    } catch (BadValueException e) {
      return badRow(file, ok.index(), e.getMessage(), ok.record().rawText());
    }
  }

  private Row badRow(SourceFile file, long index, String reason, String raw) {
    Object[] row = new Object[valueCount + ParsedSchema.BOOKKEEPING];
    row[valueCount] = file.id();
    row[valueCount + 1] = index;
    row[valueCount + 2] = reason;
    row[valueCount + 3] =
        raw == null || raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS);
    return RowFactory.create(row);
  }

  private Row unreadable(SourceFile file, long index, Throwable cause) {
    String detail = cause == null ? "unknown error" : cause.getMessage();
    if (cause != null && (detail == null || detail.isBlank())) {
      detail = cause.getClass().getSimpleName();
    }
    return badRow(
        file,
        index,
        "unreadable file: "
            + detail
            + (index > 0 ? " (after " + index + " records, which were kept)" : ""),
        null);
  }

  private static void closeQuietly(Closeable in) {
    try {
      in.close();
    } catch (IOException e) {
      // the records are read; a failing close changes nothing
    }
  }
}
