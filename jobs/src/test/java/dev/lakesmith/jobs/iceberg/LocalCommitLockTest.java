package dev.lakesmith.jobs.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local catalog's commit lock excludes a second committer of the same table, in this JVM and in
 * another process, and a holder killed with SIGKILL leaves no lock behind.
 */
class LocalCommitLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondCommitterOfTheTableWaitsForTheFirstInTheSameJvm() throws Exception {
    String v2 = metadataFile("t", 2);
    LocalCommitLock first = lock(200);
    LocalCommitLock second = lock(200);
    assertTrue(first.acquire(v2, "a"));
    assertFalse(second.acquire(v2, "b"), "held by a");
    assertFalse(first.release(v2, "b"), "b does not hold it");
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(() -> lock(60_000).acquire(metadataFile("t", 3), "c"));
    Thread.sleep(100);
    assertFalse(waiting.isDone(), "c waits while a holds the table's lock");
    assertTrue(first.release(v2, "a"));
    assertTrue(waiting.get(60, TimeUnit.SECONDS));
    assertTrue(second.acquire(metadataFile("other", 2), "d"), "another table's lock is free");
    assertTrue(Files.exists(tmp.resolve("t/metadata/.lakesmith-commit.lock")));
  }

  @Test
  void anotherProcessHoldingTheLockExcludesThisOneUntilItIsKilled() throws Exception {
    String v2 = metadataFile("t", 2);
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                v2)
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", out.readLine());
      LocalCommitLock mine = lock(300);
      assertFalse(mine.acquire(v2, "parent"), "the other process holds it");

      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, holder.exitValue(), "killed by SIGKILL");
      assertTrue(mine.acquire(v2, "parent"), "the kernel released the dead holder's lock");
      assertTrue(mine.release(v2, "parent"));
    } finally {
      holder.destroyForcibly();
    }
  }

  /** Holds the lock of the metadata file named by its argument until killed. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      LocalCommitLock lock = new LocalCommitLock();
      lock.initialize(Map.of());
      if (!lock.acquire(args[0], "holder")) {
        System.out.println("not locked");
        System.exit(1);
      }
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  private static LocalCommitLock lock(long timeoutMs) {
    LocalCommitLock lock = new LocalCommitLock();
    lock.initialize(Map.of(CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS, Long.toString(timeoutMs)));
    return lock;
  }

  /** A metadata file's name as the Hadoop catalog passes it: a {@code file:} URI. */
  private String metadataFile(String table, int version) {
    Path folder = tmp.resolve(table).resolve("metadata");
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new org.apache.hadoop.fs.Path(folder.resolve("v" + version + ".metadata.json").toUri())
        .toString();
  }
}
