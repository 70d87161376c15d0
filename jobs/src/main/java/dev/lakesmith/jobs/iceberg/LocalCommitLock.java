package dev.lakesmith.jobs.iceberg;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.LockManager;
import org.apache.iceberg.util.PropertyUtil;

/**
 * The commit lock of the embedded Hadoop catalog on a local disk, across processes. That catalog
 * commits a table by "does metadata version N+1 exist? if not, rename mine to it" under Iceberg's
 * default lock, which only one JVM sees: two local runs in two JVMs could both pass the check and
 * the second rename overwrite the first commit, a lost update. Here the check and the rename hold
 * an OS file lock on {@code .lakesmith-commit.lock} in the table's metadata folder (a hidden name,
 * so orphan-file cleanup never lists it), which the kernel releases when a holder dies, even by
 * SIGKILL. It is held for the milliseconds of the swap; runs themselves take no lock. Iceberg ships
 * no such lock manager (only in-memory and DynamoDB), hence this one.
 */
public final class LocalCommitLock implements LockManager {
  /** Catalog property naming this class. */
  public static final String PROPERTY = "lock-impl";

  static final String FILE_NAME = ".lakesmith-commit.lock";
  private static final long POLL_MS = 20;

  /** Threads of this JVM queue here first: one JVM may hold an OS lock on a file only once. */
  private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private long timeoutMs = CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS_DEFAULT;

  private record Held(String owner, Semaphore gate, FileChannel channel, FileLock lock) {}

  @Override
  public boolean acquire(String entityId, String ownerId) {
    Path file = lockFile(entityId);
    Semaphore gate = IN_JVM.computeIfAbsent(file, f -> new Semaphore(1));
    long deadline = System.currentTimeMillis() + timeoutMs;
    try {
      if (!gate.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
        return false;
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      while ((lock = channel.tryLock()) == null) {
        if (System.currentTimeMillis() > deadline) {
          channel.close();
          gate.release();
          return false;
        }
        Thread.sleep(POLL_MS);
      }
      held.put(entityId, new Held(ownerId, gate, channel, lock));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException e) {
      gate.release();
      return false;
    }
  }

  @Override
  public boolean release(String entityId, String ownerId) {
    Held lock = held.get(entityId);
    if (lock == null || !lock.owner().equals(ownerId)) {
      return false;
    }
    held.remove(entityId);
    try {
      lock.lock().release();
      lock.channel().close();
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      lock.gate().release();
    }
  }

  @Override
  public void initialize(Map<String, String> properties) {
    timeoutMs =
        PropertyUtil.propertyAsLong(
            properties,
            CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS,
            CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS_DEFAULT);
  }

  @Override
  public void close() {
    held.forEach((entity, lock) -> release(entity, lock.owner()));
  }

  /** The lock file of the table whose metadata file {@code entityId} names. */
  static Path lockFile(String entityId) {
    URI uri = new org.apache.hadoop.fs.Path(entityId).toUri();
    Path metadataFile = uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri);
    return metadataFile.getParent().resolve(FILE_NAME);
  }
}
