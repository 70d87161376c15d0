package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every byte of a gzip file is a member's or makes the file unreadable: nothing ends quietly. */
class GzipInputTest {
  private static final byte[] FIRST =
      "{\"a\":1}\n{\"a\":2}\n".repeat(500).getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECOND = "{\"b\":3}\n".getBytes(StandardCharsets.UTF_8);

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Reads until the end or a failure; what was read before a failure is in {@code read}. */
  private static IOException readFailing(byte[] file, ByteArrayOutputStream read) {
    return assertThrows(
        IOException.class,
        () -> {
          try (InputStream in = GzipInput.open(new ByteArrayInputStream(file))) {
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) != -1; ) {
              read.write(buffer, 0, n);
            }
          }
        });
  }

  @Test
  void membersFollowingEachOtherAreOneStream() throws IOException {
    try (InputStream in =
        GzipInput.open(new ByteArrayInputStream(concat(gzip(FIRST), gzip(SECOND))))) {
      assertArrayEquals(concat(FIRST, SECOND), in.readAllBytes());
    }
  }

  @Test
  void bytesAfterTheLastMemberMakeTheFileUnreadableAfterItsRecords() throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    IOException failure =
        readFailing(concat(gzip(FIRST), "appended text\n".getBytes(StandardCharsets.UTF_8)), read);
    assertTrue(failure instanceof ReadFailures.CorruptData, failure.toString());
    assertEquals(
        "gzip data is corrupt: Unexpected data after a valid .gz stream.", failure.getMessage());
    assertArrayEquals(FIRST, read.toByteArray());
    assertTrue(ReadFailures.dataProblem(failure).isPresent());
  }

  @Test
  void aSecondMemberCutInsideItsHeaderOrBodyIsNoQuietEnd() throws IOException {
    byte[] second = gzip(SECOND);
    for (int keep : new int[] {2, 5, 12, second.length - 3}) {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      IOException failure = readFailing(concat(gzip(FIRST), Arrays.copyOf(second, keep)), read);
      assertTrue(failure instanceof ReadFailures.CorruptData, keep + ": " + failure);
      assertEquals("gzip data ends inside a member (the file was cut short)", failure.getMessage());
      assertArrayEquals(
          FIRST,
          Arrays.copyOf(read.toByteArray(), FIRST.length),
          keep + ": every byte of the first");
    }
  }

  @Test
  void aFailureOfTheFileItselfPassesUnchangedSoTheTaskIsRetried() throws IOException {
    byte[] file = gzip(FIRST);
    IOException reset = new IOException("Connection reset");
    InputStream failing =
        new FilterInputStream(new ByteArrayInputStream(file, 0, file.length / 2)) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b == -1) {
              throw reset;
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n == -1) {
              throw reset;
            }
            return n;
          }
        };
    IOException failure =
        assertThrows(
            IOException.class,
            () -> {
              try (InputStream in = GzipInput.open(failing)) {
                in.readAllBytes();
              }
            });
    assertSame(reset, failure);
    assertTrue(ReadFailures.dataProblem(failure).isEmpty());
  }
}
