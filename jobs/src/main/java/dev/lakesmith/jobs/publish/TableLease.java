package dev.lakesmith.jobs.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.PublishSettings;
import dev.lakesmith.core.layout.LeaseRecord;
import dev.lakesmith.core.layout.OutputLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer per table: a lease object per dataset output, created only if absent (an atomic create
 * on a local file system; on S3 through S3A a conditional put, {@code If-None-Match: *}), renewed
 * while the run lives, and taken over only after it expired. A run that cannot get it within the
 * configured wait fails with one line naming the holder.
 *
 * <p>Takeover of an expired lease is check-then-replace: two runs that find the same expired lease
 * in the same instant can both replace it, and the one whose lease was replaced notices at its next
 * renewal or at {@link #checkHeld()} before publishing. EMRFS ({@code s3://} on EMR) has no
 * conditional create; there the launcher's own claim keeps two clusters apart.
 *
 * <p>A run of a table that needs no single writer (Iceberg: commits are optimistic and validated)
 * holds the same kind of record at a path of its own ({@link #forRun}), renewed the same way, so
 * recovery can tell a live run from a dead one ({@link RunRecords}). A holder that was a process on
 * this host and no longer runs is gone at once; on other hosts, when its lease expires.
 */
public final class TableLease implements AutoCloseable {
  private final FileSystem fs;
  private final Path path;
  private final PublishSettings settings;
  private final Clock clock;
  private final String heldWhat;
  private final ScheduledExecutorService renewer;
  private volatile LeaseRecord held;
  private volatile Instant lastRenewed;
  private volatile String lost;

  private TableLease(
      FileSystem fs, Path path, PublishSettings settings, Clock clock, String heldWhat) {
    this.fs = fs;
    this.path = path;
    this.settings = settings;
    this.clock = clock;
    this.heldWhat = heldWhat;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "lakesmith-lease-renewer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Takes the dataset's lease, waiting up to the configured time for another holder. */
  public static TableLease acquire(
      Configuration hadoop,
      String output,
      String dataset,
      String runId,
      PublishSettings settings,
      PrintStream out) {
    Path path = new Path(LeaseRecord.path(output, dataset));
    try {
      TableLease lease =
          new TableLease(
              path.getFileSystem(hadoop),
              path,
              settings,
              Clock.systemUTC(),
              "the lease of dataset '" + dataset + "'");
      lease.take(dataset, runId, out);
      lease.startRenewing();
      return lease;
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot take the lease " + path + " of dataset '" + dataset + "': " + e.getMessage(), e);
    }
  }

  /** Creates and keeps renewing run {@code runId}'s own record, which no other run shares. */
  public static TableLease forRun(
      Configuration hadoop, String output, String dataset, String runId, PublishSettings settings) {
    Path path = new Path(OutputLayout.runLease(output, dataset, runId));
    try {
      TableLease lease =
          new TableLease(
              path.getFileSystem(hadoop),
              path,
              settings,
              Clock.systemUTC(),
              "its run record " + path);
      Instant now = lease.clock.instant();
      LeaseRecord mine = lease.record(dataset, runId, now);
      if (!lease.createExclusive(mine.toJson())) {
        throw JobFailure.internal(
            "run id " + runId + " of dataset '" + dataset + "' is in use already (" + path + ")");
      }
      lease.held = mine;
      lease.lastRenewed = now;
      lease.startRenewing();
      return lease;
    } catch (IOException e) {
      throw JobFailure.internal("cannot create the run record " + path + ": " + e.getMessage(), e);
    }
  }

  /** What the lease object says now, if there is one. */
  public static Optional<LeaseRecord> read(Configuration hadoop, String output, String dataset)
      throws IOException {
    Path path = new Path(LeaseRecord.path(output, dataset));
    return readRecord(path.getFileSystem(hadoop), path);
  }

  private void take(String dataset, String runId, PrintStream out) throws IOException {
    Instant deadline = clock.instant().plus(settings.leaseWait());
    boolean announced = false;
    Instant started = clock.instant();
    while (true) {
      LeaseRecord mine = record(dataset, runId, started);
      if (createExclusive(mine.toJson())) {
        held = mine;
        lastRenewed = clock.instant();
        return;
      }
      Optional<LeaseRecord> current;
      try {
        current = readRecord(fs, path);
      } catch (JsonProcessingException unreadable) {
        if (takeOverUnreadable(unreadable, out)) {
          continue;
        }
        failIfPast(
            deadline,
            () ->
                "dataset '"
                    + dataset
                    + "' has a lease object "
                    + path
                    + " that does not parse ("
                    + unreadable.getOriginalMessage()
                    + ") and is younger than lakesmith.publish.lease.ttl "
                    + settings.leaseTtl()
                    + "; waited "
                    + settings.leaseWait()
                    + ". Run again once it is older, or delete it if no run of the dataset is"
                    + " running");
        sleep(settings.leasePoll());
        continue;
      }
      if (current.isEmpty()) {
        continue;
      }
      LeaseRecord holder = current.get();
      if (holder.endedAt(clock.instant(), host())) {
        out.printf(
            "lakesmith: taking over the %s lease of %s%n",
            holder.expiredAt(clock.instant()) ? "expired" : "dead process's", holder.describe());
        removeIfStill(holder);
        continue;
      }
      failIfPast(
          deadline,
          () ->
              "dataset '"
                  + dataset
                  + "' is being written by "
                  + holder.describe()
                  + "; waited "
                  + settings.leaseWait()
                  + " for it. Run again when it has finished, or raise lakesmith.publish.lease.wait");
      if (!announced) {
        out.printf(
            "lakesmith: waiting up to %s for %s to release dataset '%s'%n",
            settings.leaseWait(), holder.describe(), dataset);
        announced = true;
      }
      sleep(settings.leasePoll());
    }
  }

  /** Gives up waiting for the lease once {@code deadline} has passed, saying {@code why}. */
  private void failIfPast(Instant deadline, Supplier<String> why) {
    if (!clock.instant().isBefore(deadline)) {
      throw JobFailure.internal(why.get());
    }
  }

  /**
   * A lease object that does not parse was left by a writer that died or ran out of space while
   * writing it (or was edited by hand): it holds nobody once it is older than a lease's lifetime,
   * since any live holder would have rewritten it by then. Younger, it may still be being written.
   *
   * @return whether it was removed (or was gone already)
   */
  private boolean takeOverUnreadable(JsonProcessingException unreadable, PrintStream out)
      throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return true;
    }
    Instant written = Instant.ofEpochMilli(status.getModificationTime());
    if (written.plus(settings.leaseTtl()).isAfter(clock.instant())) {
      return false;
    }
    out.printf(
        "lakesmith: taking over the unreadable lease object %s (written %s; %s)%n",
        path, written, unreadable.getOriginalMessage());
    fs.delete(path, false);
    return true;
  }

  private LeaseRecord record(String dataset, String runId, Instant started) {
    Instant now = clock.instant();
    return new LeaseRecord(
        dataset,
        runId,
        host(),
        ClusterIdentity.clusterId().orElse(null),
        started.toString(),
        now.toString(),
        now.plus(settings.leaseTtl()).toString(),
        UUID.randomUUID().toString(),
        ProcessHandle.current().pid());
  }

  private void startRenewing() {
    long every = settings.renewEvery().toMillis();
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  private void renew() {
    if (lost != null) {
      return;
    }
    try {
      Optional<LeaseRecord> current = readRecord(fs, path);
      if (current.isEmpty() || !current.get().token().equals(held.token())) {
        lost =
            current
                .map(other -> "it is now held by " + other.describe())
                .orElse("its lease object " + path + " was removed");
        return;
      }
      Instant now = clock.instant();
      LeaseRecord renewed =
          new LeaseRecord(
              held.dataset(),
              held.runId(),
              held.host(),
              held.cluster(),
              held.startedAt(),
              now.toString(),
              now.plus(settings.leaseTtl()).toString(),
              UUID.randomUUID().toString(),
              held.pid());
      replace(renewed.toJson());
      held = renewed;
      lastRenewed = now;
    } catch (IOException | RuntimeException e) {
      if (clock.instant().isAfter(lastRenewed.plus(settings.leaseTtl()))) {
        lost = "it could not be renewed for " + settings.leaseTtl() + ": " + e.getMessage();
      }
    }
  }

  /** Fails unless this run still holds the lease: called before the table changes. */
  public void checkHeld() {
    renew();
    if (lost != null) {
      throw JobFailure.internal(
          "run "
              + held.runId()
              + " lost "
              + heldWhat
              + " ("
              + lost
              + "); it publishes nothing. Run the slice again");
    }
  }

  public LeaseRecord holder() {
    return held;
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      Optional<LeaseRecord> current = readRecord(fs, path);
      if (current.isPresent() && current.get().token().equals(held.token())) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      // An unreleased lease only makes the next run wait until it expires.
    }
  }

  private boolean createExclusive(byte[] content) throws IOException {
    if (isLocal()) {
      java.nio.file.Path local = localPath();
      Files.createDirectories(local.getParent());
      java.nio.file.Path temp = writeTemp(local, content);
      try {
        // A hard link appears with its whole content or not at all, and not over another file.
        Files.createLink(local, temp);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        try {
          Files.write(local, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          return true;
        } catch (java.nio.file.FileAlreadyExistsException exists) {
          return false;
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    try (OutputStream stream = fs.createFile(path).overwrite(false).recursive().build()) {
      stream.write(content);
      return true;
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  private void replace(byte[] content) throws IOException {
    if (isLocal()) {
      java.nio.file.Path local = localPath();
      java.nio.file.Path temp = writeTemp(local, content);
      try {
        Files.move(
            temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, local, StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    try (OutputStream stream = fs.create(path, true)) {
      stream.write(content);
    }
  }

  private static java.nio.file.Path writeTemp(java.nio.file.Path local, byte[] content)
      throws IOException {
    java.nio.file.Path temp =
        local.resolveSibling("." + local.getFileName() + "." + UUID.randomUUID());
    Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return temp;
  }

  private void removeIfStill(LeaseRecord stale) throws IOException {
    if (isLocal()) {
      java.nio.file.Path local = localPath();
      java.nio.file.Path tomb =
          local.resolveSibling("." + local.getFileName() + ".expired-" + UUID.randomUUID());
      try {
        Files.move(local, tomb, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        return;
      }
      LeaseRecord moved = LeaseRecord.parse(Files.readAllBytes(tomb));
      if (!moved.token().equals(stale.token()) && !Files.exists(local)) {
        Files.move(tomb, local, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      Files.deleteIfExists(tomb);
      return;
    }
    Optional<LeaseRecord> current = readRecord(fs, path);
    if (current.isPresent() && current.get().token().equals(stale.token())) {
      fs.delete(path, false);
    }
  }

  static Optional<LeaseRecord> readRecord(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Optional.of(LeaseRecord.parse(in.readAllBytes()));
    } catch (FileNotFoundException | NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private boolean isLocal() {
    return "file".equals(fs.getScheme());
  }

  private java.nio.file.Path localPath() {
    return java.nio.file.Path.of(fs.makeQualified(path).toUri());
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static void sleep(java.time.Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JobFailure.internal("interrupted while waiting for a dataset lease");
    }
  }
}
