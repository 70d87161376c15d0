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
import java.util.Set;
import java.util.concurrent.CancellationException;
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
    List<Move> adds = journal.adds();
    List<String> removes = journal.removes();
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

  /**
   * Runs every step; when one fails, the steps already started still finish before the first
   * failure is thrown, so nothing moves behind the back of whoever handles it (a roll back).
   */
  private static void runAll(int count, int threads, Step step) throws IOException {
    if (threads == 1 || count <= 1) {
      for (int i = 0; i < count; i++) {
        step.run(i);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count));
    IOException first = null;
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
        try {
          future.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            done.forEach(pending -> pending.cancel(false));
          }
        } catch (CancellationException e) {
          // not started because an earlier step failed
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing", e);
    } finally {
      pool.shutdown();
    }
    if (first != null) {
      throw first;
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
      throw new StagedFileGone(move);
    }
  }

  /**
   * A journal's file that is neither staged nor in the table (removed by hand, or by a lifecycle
   * rule on the staging prefix): the publish cannot be completed as written.
   */
  public static final class StagedFileGone extends FileNotFoundException {
    public StagedFileGone(Move move) {
      super(
          "staged file "
              + move.from()
              + " is gone and not in the table at "
              + move.to()
              + " (removed by hand?)");
    }
  }

  /**
   * What {@link #salvage} did with a journal that has files in neither place.
   *
   * @param rolledBack true when no old file had been deleted yet, so the files of the journal
   *     already moved in were removed and the table is as before the run; false when deletes had
   *     begun, so the rest of the journal was applied without the missing files
   * @param filesRemoved the journal's new files taken out of the table again (roll back only)
   * @param missing the journal's files found in neither place
   * @param partitions the table folders of the partitions those files belonged to
   */
  public record Salvage(
      boolean rolledBack, int filesRemoved, List<String> missing, List<String> partitions) {}

  /**
   * Ends a journal that {@link #apply} cannot complete because some of its files are gone. Adds
   * always all complete before the first delete, so while every old file is still there, removing
   * the new ones already in puts each partition back exactly; once a delete has run the old rows
   * are partly gone, so the only way without duplicates is forward, without the missing files. With
   * nothing missing (any more) it is {@link #apply}.
   */
  public Salvage salvage(PublishJournal journal) throws IOException {
    List<Move> adds = journal.adds();
    List<String> removes = journal.removes();
    FileSystem fs = new Path(journal.staging()).getFileSystem(hadoop);
    List<String> missing = new ArrayList<>();
    List<String> partitions = new ArrayList<>();
    for (PartitionSwap swap : journal.partitions()) {
      for (Move add : swap.add()) {
        if (!fs.exists(new Path(add.from())) && !fs.exists(new Path(add.to()))) {
          missing.add(add.from());
          if (!partitions.contains(swap.path())) {
            partitions.add(swap.path());
          }
        }
      }
    }
    boolean deletesBegan = missing.isEmpty();
    for (String old : removes) {
      if (!fs.exists(new Path(old))) {
        deletesBegan = true;
        break;
      }
    }
    if (!deletesBegan) {
      Set<String> old = Set.copyOf(removes);
      int removed = 0;
      for (Move add : adds) {
        Path placed = new Path(add.to());
        if (!old.contains(add.to()) && fs.delete(placed, false)) {
          removed++;
        }
      }
      return new Salvage(true, removed, missing, partitions);
    }
    Set<String> gone = Set.copyOf(missing);
    List<PartitionSwap> rest = new ArrayList<>();
    for (PartitionSwap swap : journal.partitions()) {
      rest.add(
          new PartitionSwap(
              swap.values(),
              swap.path(),
              swap.add().stream().filter(add -> !gone.contains(add.from())).toList(),
              swap.remove()));
    }
    apply(new PublishJournal(journal.staging(), rest));
    return new Salvage(false, 0, missing, partitions);
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
