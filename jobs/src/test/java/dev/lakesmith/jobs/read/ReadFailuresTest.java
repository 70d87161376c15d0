package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

class ReadFailuresTest {
  @Test
  void badBytesAreDataProblems() {
    assertEquals(
        Optional.of("Unexpected end of ZLIB input stream"),
        ReadFailures.dataProblem(new EOFException("Unexpected end of ZLIB input stream")));
    assertEquals(
        Optional.of("Not in GZIP format"),
        ReadFailures.dataProblem(new ZipException("Not in GZIP format")));
    assertEquals(
        Optional.of("Not an Avro data file."),
        ReadFailures.dataProblem(new InvalidAvroMagicException("Not an Avro data file.")));
    assertEquals(
        Optional.of("Invalid sync!"),
        ReadFailures.dataProblem(new AvroRuntimeException("Invalid sync!")));
    assertEquals(
        Optional.of("f.parquet is not a Parquet file. Expected magic number at tail"),
        ReadFailures.dataProblem(
            new RuntimeException(
                "f.parquet is not a Parquet file. Expected magic number at tail")));
    assertEquals(
        Optional.of("truncated page"),
        ReadFailures.dataProblem(
            new ParquetDecodingException("cannot read", new EOFException("truncated page"))));
    assertEquals(
        Optional.of("named .gz but is not gzip data"),
        ReadFailures.dataProblem(new ReadFailures.CorruptData("named .gz but is not gzip data")));
  }

  @Test
  void storageAccessAndOurOwnFailuresAreNot() {
    assertEquals(
        Optional.empty(), ReadFailures.dataProblem(new SocketException("Connection reset")));
    assertEquals(Optional.empty(), ReadFailures.dataProblem(new AccessDeniedException("/in/f")));
    assertEquals(Optional.empty(), ReadFailures.dataProblem(new FileNotFoundException("/in/f")));
    assertEquals(
        Optional.empty(),
        ReadFailures.dataProblem(
            new AvroRuntimeException(new IOException("Premature end of Content-Length"))));
    assertEquals(
        Optional.empty(),
        ReadFailures.dataProblem(
            new ParquetDecodingException("cannot read", new SocketException("reset"))));
    assertEquals(Optional.empty(), ReadFailures.dataProblem(new NullPointerException()));
    assertEquals(
        Optional.empty(), ReadFailures.dataProblem(new IllegalStateException("not a Parquet")));
  }

  @Test
  void theThrownFailureNamesTheFileAndTheCause() {
    RuntimeException io =
        ReadFailures.readFailed(
            "s3a://b/in/f.gz", new UncheckedIOException(new SocketException("Connection reset")));
    String named = "cannot read s3a://b/in/f.gz: SocketException: Connection reset";
    assertInstanceOf(UncheckedIOException.class, io);
    assertEquals(named, io.getMessage());
    assertEquals(named, io.getCause().getMessage());
    assertEquals(null, io.getCause().getCause());
    assertInstanceOf(SocketException.class, io.getCause().getSuppressed()[0]);

    RuntimeException bug = ReadFailures.readFailed("s3a://b/in/f.gz", new NullPointerException());
    assertInstanceOf(IllegalStateException.class, bug);
    assertEquals("cannot read s3a://b/in/f.gz: NullPointerException", bug.getMessage());
    assertEquals(null, bug.getCause());
    assertInstanceOf(NullPointerException.class, bug.getSuppressed()[0]);
  }
}
