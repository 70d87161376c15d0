package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.parquet.ParquetRuntimeException;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;

/**
 * Sorts what goes wrong while reading a raw file into problems of the data and problems of reading
 * it. Only the first are quarantined: the bytes are wrong (a corrupt or truncated gzip stream, a
 * file that is not the Parquet or Avro it claims to be) and reading them again gives the same
 * answer. Everything else is thrown, naming the file: storage errors, denied access, a reset
 * connection or a file gone mid-run are often transient and Spark retries the task; a persistent
 * one fails the run, where a quarantine row would hide the records the file still holds. A {@link
 * RuntimeException} from our own code is a bug and is thrown as well.
 *
 * <p>The cause chain decides: a data marker anywhere in it (the format library saw bad bytes) makes
 * a data problem; otherwise any {@link IOException} in it makes a read failure, so a format
 * library's exception wrapping a storage error (Avro and Parquet wrap them) is still retried.
 */
final class ReadFailures {
  private static final int MAX_CHAIN = 16;

  private ReadFailures() {}

  /** Bytes that are known to be no valid file of the expected kind. */
  static final class CorruptData extends IOException {
    CorruptData(String message) {
      super(message);
    }
  }

  /** What is wrong with the data, when {@code failure} is a data problem; empty otherwise. */
  static Optional<String> dataProblem(Throwable failure) {
    boolean io = false;
    boolean formatLibrary = false;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CHAIN; t = t.getCause(), depth++) {
      if (isCorruptBytes(t)) {
        return Optional.of(describe(t));
      }
      io |= t instanceof IOException;
      formatLibrary |= isFormatLibraryRejection(t);
    }
    return !io && formatLibrary ? Optional.of(describe(failure)) : Optional.empty();
  }

  /**
   * The exception to throw for a failure that is not a data problem. Its root cause names the file
   * and the failure, because a failed run is reported by the root of the chain (Spark wraps task
   * failures in its own exceptions); the original failure stays attached as suppressed, with its
   * stack trace.
   */
  static RuntimeException readFailed(String file, Throwable failure) {
    Throwable cause = failure instanceof UncheckedIOException u ? u.getCause() : failure;
    String message = "cannot read " + file + ": " + typeAndMessage(cause);
    if (cause instanceof IOException) {
      IOException root = new IOException(message);
      root.addSuppressed(cause);
      return new UncheckedIOException(message, root);
    }
    IllegalStateException bug = new IllegalStateException(message);
    bug.addSuppressed(cause);
    return bug;
  }

  private static boolean isCorruptBytes(Throwable t) {
    return t instanceof CorruptData
        || t instanceof ZipException
        || t instanceof DataFormatException
        || t instanceof EOFException
        || t instanceof CharacterCodingException
        || t instanceof JsonProcessingException
        || t instanceof InvalidAvroMagicException;
  }

  private static boolean isFormatLibraryRejection(Throwable t) {
    if (t instanceof ParquetCryptoRuntimeException) {
      return false;
    }
    return t instanceof ParquetRuntimeException
        || t instanceof AvroRuntimeException
        || (t.getClass() == RuntimeException.class
            && t.getMessage() != null
            && t.getMessage().contains("is not a Parquet file"));
  }

  /** The exception's type and message ({@code SocketException: Connection reset}). */
  static String typeAndMessage(Throwable t) {
    String type = t.getClass().getSimpleName();
    String message = t.getMessage();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /** The exception's message, or its type when it has none. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
