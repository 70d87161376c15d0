package dev.lakesmith.launcher.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Finds a launcher cluster that is already working on a (dataset, slice), by its tags: a second
 * guard next to the S3 claim, which also catches clusters started by another launcher version or by
 * hand with the same tags.
 */
public final class ActiveClusters {
  static final Set<ClusterState> ACTIVE =
      Set.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING);

  private final EmrClient emr;
  private final String namePrefix;

  public ActiveClusters(EmrClient emr, String namePrefix) {
    this.emr = emr;
    this.namePrefix = namePrefix;
  }

  /** An active cluster tagged with this dataset and a slice label covering {@code slice}. */
  public Optional<Cluster> find(String dataset, String slice) {
    String name = namePrefix + " " + dataset + " ";
    for (ClusterSummary summary :
        emr.listClustersPaginator(b -> b.clusterStates(ACTIVE)).clusters()) {
      if (summary.name() == null || !summary.name().startsWith(name)) {
        continue;
      }
      Cluster c = emr.describeCluster(b -> b.clusterId(summary.id())).cluster();
      if (dataset.equals(tag(c.tags(), RunJobFlowFactory.TAG_DATASET))
          && covers(tag(c.tags(), RunJobFlowFactory.TAG_SLICE), slice)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether the cluster is still starting or running (false once terminating or unknown). */
  public boolean isActive(String clusterId) {
    try {
      return ACTIVE.contains(
          emr.describeCluster(b -> b.clusterId(clusterId)).cluster().status().state());
    } catch (InvalidRequestException e) {
      return false;
    }
  }

  static String tag(List<Tag> tags, String key) {
    return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
  }

  /** {@code label} is a slice ({@code 2023-11}) or a range ({@code 2019-01..2025-09}). */
  static boolean covers(String label, String slice) {
    if (label == null) {
      return false;
    }
    int dots = label.indexOf("..");
    if (dots < 0) {
      return label.equals(slice) || slice.startsWith(label + "-") || label.startsWith(slice + "-");
    }
    String month = slice.length() > 7 ? slice.substring(0, 7) : slice;
    return label.substring(0, dots).compareTo(month) <= 0
        && month.compareTo(label.substring(dots + 2)) <= 0;
  }
}
