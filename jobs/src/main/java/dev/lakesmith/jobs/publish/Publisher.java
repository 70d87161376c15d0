package dev.lakesmith.jobs.publish;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.HiddenNames;
import dev.lakesmith.core.manifest.PublishJournal;
import dev.lakesmith.core.manifest.PublishJournal.Move;
import dev.lakesmith.core.manifest.PublishJournal.PartitionSwap;
import dev.lakesmith.core.progress.Progress;
import dev.lakesmith.jobs.table.TableLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves a run's staged files into the table by its journal: every new file first, then the files
 * they replace. Each step checks what is already done, so a journal can be applied again after a
 * crash at any point (on S3, where a rename is a copy and a delete, too).
 */
public final class Publisher {
  private final Configuration hadoop;
  private final PublishProbe probe;

  public Publisher(Configuration hadoop, PublishProbe probe) {
    this.hadoop = hadoop;
    this.probe = probe;
  }

  /** The journal for replacing {@code partitions} with what the run staged for them. */
  public PublishJournal plan(
      TableLayout layout, StagingArea staging, List<Map<String, String>> partitions) {
    TableLayout staged = new TableLayout(staging.data(), layout.partitionColumns());
    List<PartitionSwap> swaps = new ArrayList<>();
    try {
      for (Map<String, String> values : partitions) {
        String target = layout.path(values);
        List<Move> add = new ArrayList<>();
        for (FileStatus file : dataFiles(new Path(staged.path(values)))) {
          add.add(
              new Move(
                  file.getPath().toString(),
                  target + "/" + file.getPath().getName(),
                  file.getLen()));
        }
        List<String> remove = new ArrayList<>();
        for (FileStatus file : dataFiles(new Path(target))) {
          remove.add(file.getPath().toString());
        }
        swaps.add(new PartitionSwap(values, target, add, remove));
      }
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot list staged or curated files of " + layout.root() + ": " + e.getMessage(), e);
    }
    return new PublishJournal(staging.root(), swaps);
  }

  /**
   * Applies a journal: idempotent, so also how an interrupted publish is completed. On an object
   * store a move is a server-side copy, so moves (and then deletes) run {@value
   * #OBJECT_STORE_THREADS} at a time there; every add still completes before the first delete.
   */
  public void apply(PublishJournal journal) throws IOException {
    apply(journal, Progress.plain(System.out));
  }

  /** {@link #apply(PublishJournal)} with a bar of the partitions whose new files are all in. */
  public void apply(PublishJournal journal, Progress progress) throws IOException {
    List<Move> adds = journal.partitions().stream().flatMap(p -> p.add().stream()).toList();
    List<String> removes = journal.partitions().stream().flatMap(p -> p.remove().stream()).toList();
    if (adds.isEmpty() && removes.isEmpty()) {
      return;
    }
    boolean local = "file".equals(new Path(journal.staging()).getFileSystem(hadoop).getScheme());
    int threads = local ? 1 : OBJECT_STORE_THREADS;
    PartitionsIn partitionsIn = new PartitionsIn(journal);
    try (Progress.Bar bar = progress.start("publish", journal.partitions().size(), "partitions")) {
      runAll(
          adds.size(),
          threads,
          i -> {
            moveIn(adds.get(i));
            probe.reached("add:" + i);
            bar.stepTo(partitionsIn.added(i));
          });
    }
    runAll(
        removes.size(),
        threads,
        i -> {
          Path path = new Path(removes.get(i));
          path.getFileSystem(hadoop).delete(path, false);
          probe.reached("remove:" + i);
        });
  }

  private static final int OBJECT_STORE_THREADS = 16;

  /** Counts the partitions whose files have all moved in, from the adds done so far. */
  private static final class PartitionsIn {
    private final int[] partitionOfAdd;
    private final int[] left;
    private int complete;

    PartitionsIn(PublishJournal journal) {
      List<PublishJournal.PartitionSwap> swaps = journal.partitions();
      left = new int[swaps.size()];
      List<Integer> owners = new ArrayList<>();
      for (int p = 0; p < swaps.size(); p++) {
        left[p] = swaps.get(p).add().size();
        if (left[p] == 0) {
          complete++;
        }
        for (int f = 0; f < swaps.get(p).add().size(); f++) {
          owners.add(p);
        }
      }
      partitionOfAdd = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    synchronized int added(int addIndex) {
      if (--left[partitionOfAdd[addIndex]] == 0) {
        complete++;
      }
      return complete;
    }
  }

  /** One step of a publish, by its index. */
  private interface Step {
    void run(int index) throws IOException;
  }

  private static void runAll(int count, int threads, Step step) throws IOException {
    if (threads == 1 || count <= 1) {
      for (int i = 0; i < count; i++) {
        step.run(i);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        done.add(
            pool.submit(
                () -> {
                  step.run(index);
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Creates a run's staging folder, empty, before the run's manifest says RUNNING: a run that dies
   * at any later point leaves the folder that leads the next run to it.
   */
  public void open(String staging) throws IOException {
    Path path = new Path(staging);
    FileSystem fs = path.getFileSystem(hadoop);
    fs.delete(path, true);
    if (!fs.mkdirs(path)) {
      throw new IOException("cannot create staging folder " + path);
    }
  }

  /** Removes a run's staging folder (whatever of it is left). */
  public void discard(String staging) throws IOException {
    Path path = new Path(staging);
    path.getFileSystem(hadoop).delete(path, true);
  }

  private void moveIn(Move move) throws IOException {
    Path from = new Path(move.from());
    Path to = new Path(move.to());
    FileSystem fs = from.getFileSystem(hadoop);
    boolean staged = fs.exists(from);
    boolean placed = fs.exists(to);
    if (staged && placed) {
      fs.delete(from, false);
    } else if (staged) {
      fs.mkdirs(to.getParent());
      if (!fs.rename(from, to)) {
        throw new IOException("cannot move " + from + " to " + to);
      }
    } else if (!placed) {
      throw new FileNotFoundException(
          "staged file "
              + from
              + " is gone and not in the table at "
              + to
              + "; the publish cannot be completed, rerun the slice of that run");
    }
  }

  /** The table data files directly in {@code dir}; none when it does not exist (one listing). */
  private List<FileStatus> dataFiles(Path dir) throws IOException {
    FileStatus[] entries;
    try {
      entries = dir.getFileSystem(hadoop).listStatus(dir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus file : entries) {
      if (file.isFile() && !HiddenNames.hidden(file.getPath().getName())) {
        files.add(file);
      }
    }
    return files;
  }
}
