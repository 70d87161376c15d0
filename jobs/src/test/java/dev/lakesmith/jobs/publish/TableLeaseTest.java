package dev.lakesmith.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.PublishSettings;
import dev.lakesmith.core.layout.LeaseRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset lease on a local output: created whole or not at all, one holder at a time, and a
 * lease object that does not parse (its writer died or ran out of space mid-write) blocks runs only
 * for one lease lifetime.
 */
class TableLeaseTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private TableLease acquire(String runId, Duration wait) {
    return TableLease.acquire(
        new Configuration(),
        tmp.toString(),
        "events",
        runId,
        new PublishSettings(TTL, wait, Duration.ofMillis(50), Duration.ZERO),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private Path leaseFile() {
    return Path.of(LeaseRecord.path(tmp.toString(), "events"));
  }

  private Path unreadableLease(Instant written) throws Exception {
    Path lease = leaseFile();
    Files.createDirectories(lease.getParent());
    Files.write(lease, new byte[0]);
    Files.setLastModifiedTime(lease, FileTime.from(written));
    return lease;
  }

  private LeaseRecord onDisk() throws Exception {
    return LeaseRecord.parse(Files.readAllBytes(leaseFile()));
  }

  @Test
  void aSecondRunWaitsForTheHolderAndNamesIt() throws Exception {
    try (TableLease first = acquire("r1", Duration.ZERO)) {
      assertEquals("r1", onDisk().runId());
      JobFailure refused = assertThrows(JobFailure.class, () -> acquire("r2", Duration.ZERO));
      assertTrue(refused.getMessage().contains("is being written by run r1"), refused.getMessage());
      assertEquals("r1", onDisk().runId());
    }
    assertTrue(Files.notExists(leaseFile()), "released on close");
    try (Stream<Path> left = Files.list(leaseFile().getParent())) {
      assertEquals(0, left.count(), "no temporary files left next to the lease");
    }
  }

  @Test
  void anUnreadableLeaseOlderThanALifetimeIsTakenOver() throws Exception {
    unreadableLease(Instant.now().minus(TTL).minusSeconds(5));
    try (TableLease lease = acquire("r2", Duration.ZERO)) {
      assertEquals("r2", lease.holder().runId());
      assertEquals("r2", onDisk().runId());
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("taking over the unreadable lease object"), out);
  }

  @Test
  void aYoungUnreadableLeaseMayBeBeingWrittenSoTheRunWaitsAndSaysWhatToDo() throws Exception {
    Path lease = unreadableLease(Instant.now());
    JobFailure refused =
        assertThrows(JobFailure.class, () -> acquire("r2", Duration.ofMillis(200)));
    assertTrue(refused.getMessage().contains("that does not parse"), refused.getMessage());
    assertTrue(refused.getMessage().contains("delete it"), refused.getMessage());
    assertEquals(0, Files.size(lease), "left as it was");
  }
}
