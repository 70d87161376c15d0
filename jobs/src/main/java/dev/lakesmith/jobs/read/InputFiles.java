package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.JobFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  private InputFiles() {}

  public static Listing list(
      Configuration hadoop, String inputRoot, String pathPattern, Slice slice, boolean explicit) {
    String root =
        inputRoot.endsWith("/") ? inputRoot.substring(0, inputRoot.length() - 1) : inputRoot;
    String pattern = root + "/" + slice.fill(pathPattern);
    try {
      Path glob = new Path(pattern);
      FileSystem fs = glob.getFileSystem(hadoop);
      FileStatus[] matched = fs.globStatus(glob);
      List<FileStatus> files = new ArrayList<>();
      if (matched != null) {
        for (FileStatus status : matched) {
          collect(fs, status, files);
        }
      }
      if (files.isEmpty() && explicit && slice.isAll()) {
        Path rootPath = new Path(root);
        FileSystem rootFs = rootPath.getFileSystem(hadoop);
        if (rootFs.exists(rootPath)) {
          collect(rootFs, rootFs.getFileStatus(rootPath), files);
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
   * Walks directories with {@code listStatus}: {@code listFiles} builds {@code LocatedFileStatus}
   * objects whose permission lookup forks a shell per file on the local file system (72 s for 13k
   * files), and a per-directory listing costs S3 the same one LIST call.
   */
  private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out)
      throws IOException {
    if (hidden(status.getPath())) {
      return;
    }
    if (status.isFile()) {
      out.add(status);
      return;
    }
    for (FileStatus child : fs.listStatus(status.getPath())) {
      collect(fs, child, out);
    }
  }

  private static boolean hidden(Path path) {
    String name = path.getName();
    return name.startsWith("_") || name.startsWith(".");
  }
}
