package dev.lakesmith.jobs.read;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.HiddenNames;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.layout.Slice;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;

/**
 * Lists the raw files of one slice. Folder names that look like Hive partitions ({@code d=…}) are
 * arrival metadata here and never become columns, so listing is ours, not Spark's discovery.
 *
 * <p>The pattern's last element is matched inside the folders its other elements match, and the
 * files there that it does not match are reported as unmatched: a sender renaming its files (a
 * Firehose stream writing {@code <stream>-1-2025-07-15-…parquet} instead of {@code part-*}) must
 * show up, not be silently skipped.
 *
 * <p>Names starting with {@code _} or {@code .} ({@code _SUCCESS}, {@code .crc} files, a writer's
 * {@code _temporary/}) are not read, by the Hadoop convention every engine on the table follows,
 * but each one met inside the slice is listed, so no file under a slice goes unaccounted for.
 */
public final class InputFiles {
  /**
   * The files to read, plus empty files seen (reported, not read), files next to the matched ones
   * that the pattern does not match, and hidden files and folders skipped inside the slice.
   */
  public record Listing(
      String pattern,
      List<RawFile> files,
      List<String> emptyFiles,
      List<String> unmatched,
      List<String> hidden) {
    public long totalBytes() {
      return files.stream().mapToLong(RawFile::bytes).sum();
    }
  }

  private static final int LISTING_THREADS = 8;

  /** Ingest order: arrival (the object's modification time), then path for equal times. */
  static final Comparator<RawFile> INGEST_ORDER =
      Comparator.comparingLong(RawFile::modifiedMillis).thenComparing(RawFile::path);

  private InputFiles() {}

  public static Listing list(
      Configuration hadoop, String inputRoot, String pathPattern, Slice slice, boolean explicit) {
    String root = OutputLayout.trim(inputRoot);
    String pattern = root + "/" + slice.fill(pathPattern);
    ExecutorService pool = Executors.newFixedThreadPool(LISTING_THREADS, InputFiles::daemon);
    try {
      Path glob = new Path(pattern);
      FileSystem fs = RawFileOpener.fileSystem(glob, hadoop);
      List<FileStatus> matched = new ArrayList<>();
      List<String> unmatched = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      GlobFilter last = new GlobFilter(glob.getName());
      FileStatus[] folders = glob.getParent() == null ? null : fs.globStatus(glob.getParent());
      List<FileStatus> directories = new ArrayList<>();
      for (FileStatus folder : folders == null ? new FileStatus[0] : folders) {
        if (hidden(folder)) {
          skipped.add(folder.getPath().toString());
        } else if (folder.isDirectory()) {
          directories.add(folder);
        }
      }
      for (FileStatus entry : listEach(fs, directories, pool)) {
        if (hidden(entry)) {
          skipped.add(entry.getPath().toString());
          continue;
        }
        if (last.accept(entry.getPath())) {
          matched.add(entry);
        } else if (entry.isFile()) {
          unmatched.add(entry.getPath().toString());
        }
      }
      List<FileStatus> files = collect(fs, matched, pool, skipped);
      if (files.isEmpty() && explicit && slice.isAll()) {
        Path rootPath = new Path(root);
        FileSystem rootFs = RawFileOpener.fileSystem(rootPath, hadoop);
        if (rootFs.exists(rootPath)) {
          skipped.clear();
          files = collect(rootFs, List.of(rootFs.getFileStatus(rootPath)), pool, skipped);
          pattern = root + "/**";
          unmatched.clear();
        }
      }
      List<RawFile> nonEmpty = new ArrayList<>();
      List<String> empty = new ArrayList<>();
      for (FileStatus file : files) {
        if (file.getLen() == 0) {
          empty.add(file.getPath().toString());
        } else {
          nonEmpty.add(
              new RawFile(file.getPath().toString(), file.getLen(), file.getModificationTime()));
        }
      }
      nonEmpty.sort(INGEST_ORDER);
      empty.sort(Comparator.naturalOrder());
      unmatched.sort(Comparator.naturalOrder());
      skipped.sort(Comparator.naturalOrder());
      return new Listing(pattern, nonEmpty, empty, unmatched, skipped);
    } catch (IOException e) {
      throw JobFailure.input("cannot list input " + pattern + ": " + e.getMessage());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The files at and below {@code roots}, one directory level at a time with the directories of a
   * level listed in parallel (on S3 each is a LIST round trip). {@code listFiles} would build
   * {@code LocatedFileStatus} objects whose permission lookup forks a shell per file on the local
   * file system (72 s for 13k files). Hidden entries met on the way are added to {@code skipped}.
   */
  private static List<FileStatus> collect(
      FileSystem fs, List<FileStatus> roots, ExecutorService pool, List<String> skipped)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    List<FileStatus> level = roots;
    while (!level.isEmpty()) {
      List<FileStatus> directories = new ArrayList<>();
      for (FileStatus status : level) {
        if (hidden(status)) {
          skipped.add(status.getPath().toString());
          continue;
        }
        if (status.isFile()) {
          files.add(status);
        } else {
          directories.add(status);
        }
      }
      level = listEach(fs, directories, pool);
    }
    return files;
  }

  /** The entries of each directory, listed in parallel. */
  private static List<FileStatus> listEach(
      FileSystem fs, List<FileStatus> directories, ExecutorService pool) throws IOException {
    List<Future<FileStatus[]>> listings = new ArrayList<>();
    for (FileStatus directory : directories) {
      listings.add(pool.submit(() -> fs.listStatus(directory.getPath())));
    }
    List<FileStatus> entries = new ArrayList<>();
    try {
      for (Future<FileStatus[]> listing : listings) {
        entries.addAll(List.of(listing.get()));
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("listing interrupted");
    }
    return entries;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "lakesmith-list");
    thread.setDaemon(true);
    return thread;
  }

  private static boolean hidden(FileStatus status) {
    return HiddenNames.hidden(status.getPath().getName());
  }
}
