package dev.lakesmith.jobs.read;

import dev.lakesmith.core.BadValueException;
import dev.lakesmith.core.config.QuarantineRaw;
import dev.lakesmith.jobs.validate.QuarantineReason;
import dev.lakesmith.jobs.validate.RowBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one task's files into parsed rows ({@link ParsedSchema}): good rows carry typed values, bad
 * ones a reason and the raw text. A file whose bytes break off (a truncated or corrupt gzip stream)
 * keeps the records read before the break and adds one row for the unreadable rest, so nothing
 * disappears silently; a failure to read it ({@link ReadFailures}) is thrown so that Spark retries
 * the task.
 */
public final class SplitReader implements Serializable {
  private static final int MAX_RAW_CHARS = 64 * 1024;

  /** Room left in a reason for the records-kept note after a long library message. */
  private static final int MAX_PROBLEM_CHARS = 120;

  private static final String UNREADABLE = "unreadable file";
  private final HadoopConf hadoop;
  private final RecordDecoder decoder;
  private final RowBuilder rowBuilder;
  private final int valueCount;
  private final QuarantineRaw raw;

  public SplitReader(
      HadoopConf hadoop,
      RecordDecoder decoder,
      RowBuilder rowBuilder,
      int columns,
      QuarantineRaw raw) {
    this.hadoop = hadoop;
    this.decoder = decoder;
    this.rowBuilder = rowBuilder;
    this.valueCount = columns + 1;
    this.raw = raw;
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
        } catch (RuntimeException e) {
          closeQuietly(in);
          done = true;
          pending = unreadable(file, seen, e);
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

  /**
   * The record's row. A failure converting one record is that record's quarantine row: the record
   * is in memory by now, so the failure is no I/O error but deterministic (retrying cannot help),
   * and one odd record must not cost the run. That includes a {@link StackOverflowError} (nesting
   * beyond the stack; it unwinds to here and leaves nothing behind) but no other {@link Error}:
   * records are bounded in size and numbers are never expanded, so an {@link OutOfMemoryError}
   * means the executor is short of memory, which Spark handles by retrying the task elsewhere.
   */
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
    } catch (RuntimeException | StackOverflowError e) {
      return badRow(
          file,
          ok.index(),
          new QuarantineReason("record could not be converted", ReadFailures.typeAndMessage(e))
              .text(),
          ok.record().rawText());
    }
  }

  private Row badRow(SourceFile file, long index, String reason, String rawText) {
    Object[] row = new Object[valueCount + ParsedSchema.BOOKKEEPING];
    row[valueCount] = file.id();
    row[valueCount + 1] = index;
    row[valueCount + 2] = QuarantineReason.truncate(reason);
    row[valueCount + 3] = raw.keep(rawText, MAX_RAW_CHARS);
    return RowFactory.create(row);
  }

  /**
   * One quarantine row for the rest of a file whose bytes are bad; any other failure is thrown.
   *
   * @param read records read from the file before the failure (kept)
   */
  private Row unreadable(SourceFile file, long read, Exception failure) {
    Throwable cause = failure instanceof UncheckedIOException u ? u.getCause() : failure;
    Optional<String> problem = ReadFailures.dataProblem(cause);
    if (problem.isEmpty()) {
      throw ReadFailures.readFailed(file.path(), cause);
    }
    String what = problem.get();
    if (what.length() > MAX_PROBLEM_CHARS) {
      what = what.substring(0, MAX_PROBLEM_CHARS) + "...";
    }
    String kept = read > 0 ? " (after " + read + " records, which were kept)" : "";
    return badRow(file, read, new QuarantineReason(UNREADABLE, what + kept).text(), null);
  }

  private static void closeQuietly(Closeable in) {
    try {
      in.close();
    } catch (IOException e) {
      // the records are read; a failing close changes nothing
    }
  }
}
