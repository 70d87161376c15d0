package dev.lakesmith.jobs.catalog;

import static dev.lakesmith.core.layout.HiddenNames.hidden;

import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The partitions a table's files hold, read from storage rather than from any catalog, so a table
 * new to the catalog (a recreated metastore, a new Glue database) is registered whole. One
 * recursive listing (a flat prefix listing on S3); a partition is a {@code col=value/...} directory
 * path in partition-by order holding at least one file; names starting with {@code _} or {@code .}
 * (bookkeeping, in-flight output) are not table data.
 */
final class TablePartitions {
  private final Configuration hadoop;
  private final String root;
  private final List<String> partitionBy;

  TablePartitions(Configuration hadoop, String root, List<String> partitionBy) {
    this.hadoop = hadoop;
    this.root = root;
    this.partitionBy = List.copyOf(partitionBy);
  }

  /**
   * What to register: {@code register} the partitions, {@code gone} those the run wrote that are no
   * longer on storage (left out: a catalog entry would point at nothing).
   */
  record Selection(List<HiveDdl.Partition> register, List<HiveDdl.Partition> gone) {}

  /** For a table already in the catalog: the run's partitions that are still on storage. */
  Selection stillThere(List<HiveDdl.Partition> ofRun) {
    Map<Boolean, List<HiveDdl.Partition>> present =
        ofRun.stream().collect(Collectors.partitioningBy(this::exists));
    return new Selection(present.get(true), present.get(false));
  }

  /** For a table new to the catalog: every partition on storage, whichever run wrote it. */
  Selection all(List<HiveDdl.Partition> ofRun) {
    List<HiveDdl.Partition> listed = list();
    Set<Map<String, String>> values =
        listed.stream().map(HiveDdl.Partition::values).collect(Collectors.toSet());
    return new Selection(listed, ofRun.stream().filter(p -> !values.contains(p.values())).toList());
  }

  /** Every partition under the table root, ordered by path. */
  List<HiveDdl.Partition> list() {
    Path rootPath = new Path(root);
    Map<String, HiveDdl.Partition> found = new TreeMap<>();
    try {
      FileSystem fs = rootPath.getFileSystem(hadoop);
      if (!fs.exists(rootPath)) {
        return List.of();
      }
      String prefix = fs.makeQualified(rootPath).toUri().getPath() + "/";
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(rootPath, true);
      while (files.hasNext()) {
        String path = files.next().getPath().toUri().getPath();
        if (!path.startsWith(prefix)) {
          continue;
        }
        String relative = path.substring(prefix.length());
        int fileName = relative.lastIndexOf('/');
        if (fileName < 0 || hidden(relative.substring(fileName + 1))) {
          continue;
        }
        String dir = relative.substring(0, fileName);
        if (!found.containsKey(dir)) {
          values(dir).ifPresent(v -> found.put(dir, new HiveDdl.Partition(v, root + "/" + dir)));
        }
      }
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot list the partitions of table " + root + ": " + e.getMessage(), e);
    }
    return List.copyOf(found.values());
  }

  private boolean exists(HiveDdl.Partition partition) {
    Path dir = new Path(partition.location());
    try {
      return dir.getFileSystem(hadoop).exists(dir);
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot check partition " + partition.location() + ": " + e.getMessage(), e);
    }
  }

  /** The partition values of a relative directory, if it is one partition of this table. */
  Optional<Map<String, String>> values(String dir) {
    String[] segments = dir.split("/");
    if (segments.length != partitionBy.size()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < segments.length; i++) {
      String prefix = partitionBy.get(i) + "=";
      if (hidden(segments[i]) || !segments[i].startsWith(prefix)) {
        return Optional.empty();
      }
      values.put(
          partitionBy.get(i),
          ExternalCatalogUtils.unescapePathName(segments[i].substring(prefix.length())));
    }
    return Optional.of(values);
  }
}
