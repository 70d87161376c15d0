package dev.lakesmith.core.manifest;

import java.util.List;
import java.util.Map;

/**
 * What a publish changes, written into the run's manifest (state {@code PUBLISHING}) before any
 * file of the table moves: per partition the staged files to move in and the old files to delete
 * once every new one is in place. Applying it twice is harmless, so any run can finish it.
 *
 * @param staging the run's staging folder, outside the table, removed after the publish
 */
public record PublishJournal(String staging, List<PartitionSwap> partitions) {

  public PublishJournal {
    partitions = List.copyOf(partitions);
  }

  public long filesAdded() {
    return partitions.stream().mapToLong(p -> p.add().size()).sum();
  }

  public long bytesAdded() {
    return adds().stream().mapToLong(Move::bytes).sum();
  }

  /** Every partition's new files, in journal order. */
  public List<Move> adds() {
    return partitions.stream().flatMap(p -> p.add().stream()).toList();
  }

  /** Every partition's old files, in journal order. */
  public List<String> removes() {
    return partitions.stream().flatMap(p -> p.remove().stream()).toList();
  }

  /** One partition's swap: {@code add} moves staged files in, then {@code remove} goes. */
  public record PartitionSwap(
      Map<String, String> values, String path, List<Move> add, List<String> remove) {
    public PartitionSwap {
      add = List.copyOf(add);
      remove = List.copyOf(remove);
    }
  }

  /** A staged file and its place in the table. */
  public record Move(String from, String to, long bytes) {}
}
