package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.JobFailure;
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
import org.apache.hadoop.fs.Path;

/**
 * Lists the raw files of one slice. Folder names that look like Hive partitions ({@code d=…}) are
 * arrival metadata here and never become columns, so listing is ours, not Spark's discovery.
 */
public final class InputFiles {
  /** The files to read, plus empty files seen (reported, not read). */
  public record Listing(String pattern, List<RawFile> files, List<String> emptyFiles) {
    public long totalBytes() {
      return files.stream().mapToLong(RawFile::bytes).sum();
    }
  }

  private static final int LISTING_THREADS = 8;

  private InputFiles() {}

  public static Listing list(
      Configuration hadoop, String inputRoot, String pathPattern, Slice slice, boolean explicit) {
    String root =
        inputRoot.endsWith("/") ? inputRoot.substring(0, inputRoot.length() - 1) : inputRoot;
    String pattern = root + "/" + slice.fill(pathPattern);
    try {
      Path glob = new Path(pattern);
      FileSystem fs = RawFileOpener.fileSystem(glob, hadoop);
      FileStatus[] matched = fs.globStatus(glob);
      List<FileStatus> files = collect(fs, matched == null ? List.of() : List.of(matched));
      if (files.isEmpty() && explicit && slice.isAll()) {
        Path rootPath = new Path(root);
        FileSystem rootFs = RawFileOpener.fileSystem(rootPath, hadoop);
        if (rootFs.exists(rootPath)) {
          files = collect(rootFs, List.of(rootFs.getFileStatus(rootPath)));
          pattern = root + "/**";
        }
      }
      List<RawFile> nonEmpty = new ArrayList<>();
      List<String> empty = new ArrayList<>();
      for (FileStatus file : files) {
        if (file.getLen() == 0) {
          empty.add(file.getPath().toString());
        } else {
          nonEmpty.add(new RawFile(file.getPath().toString(), file.getLen()));
        }
      }
      nonEmpty.sort(Comparator.comparing(RawFile::path));
      empty.sort(Comparator.naturalOrder());
      return new Listing(pattern, nonEmpty, empty);
    } catch (IOException e) {
      throw JobFailure.input("cannot list input " + pattern + ": " + e.getMessage());
    }
  }

  /**
   * Walks directories with {@code listStatus}, one level at a time with the directories of a level
   * listed in parallel (on S3 each is a LIST round trip). {@code listFiles} would build {@code
   * LocatedFileStatus} objects whose permission lookup forks a shell per file on the local file
   * system (72 s for 13k files).
   */
  private static List<FileStatus> collect(FileSystem fs, List<FileStatus> roots)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    List<FileStatus> level = roots;
    ExecutorService pool = Executors.newFixedThreadPool(LISTING_THREADS, InputFiles::daemon);
    try {
      while (!level.isEmpty()) {
        List<Future<FileStatus[]>> listings = new ArrayList<>();
        List<FileStatus> next = new ArrayList<>();
        for (FileStatus status : level) {
          if (hidden(status.getPath())) {
            continue;
          }
          if (status.isFile()) {
            files.add(status);
          } else {
            listings.add(pool.submit(() -> fs.listStatus(status.getPath())));
          }
        }
        for (Future<FileStatus[]> listing : listings) {
          next.addAll(List.of(listing.get()));
        }
        level = next;
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("listing interrupted");
    } finally {
      pool.shutdownNow();
    }
    return files;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "lakesmith-list");
    thread.setDaemon(true);
    return thread;
  }

  private static boolean hidden(Path path) {
    String name = path.getName();
    return name.startsWith("_") || name.startsWith(".");
  }
}
