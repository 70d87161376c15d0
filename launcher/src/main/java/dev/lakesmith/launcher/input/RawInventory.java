package dev.lakesmith.launcher.input;

import dev.lakesmith.core.layout.RawLayout;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The raw objects of a dataset as the job would read them (non-empty, not hidden), listed once from
 * S3 and then counted per slice: sizes clusters and tells a backfill whether a slice's inputs
 * changed since its last successful run.
 */
public final class RawInventory {
  /** Files and bytes of one slice. */
  public record Totals(long files, long bytes) {}

  private record Entry(RawLayout.Placement placement, long bytes) {}

  private final RawLayout layout;
  private final List<Entry> entries;

  private RawInventory(RawLayout layout, List<Entry> entries) {
    this.layout = layout;
    this.entries = List.copyOf(entries);
  }

  public static RawInventory list(S3Client s3, RawLayout layout) {
    List<Entry> entries = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket(layout.root().bucket()).prefix(layout.listPrefix()))
            .contents()) {
      if (o.size() == null || o.size() == 0) {
        continue;
      }
      layout
          .place(layout.root().bucket(), o.key())
          .filter(RawLayout.Placement::readByJob)
          .ifPresent(p -> entries.add(new Entry(p, o.size())));
    }
    return new RawInventory(layout, entries);
  }

  public RawLayout layout() {
    return layout;
  }

  /** Totals of one slice ({@code yyyy-MM} or {@code yyyy-MM-dd}). */
  public Totals totals(String slice) {
    long files = 0;
    long bytes = 0;
    for (Entry e : entries) {
      if (e.placement().in(slice)) {
        files++;
        bytes += e.bytes();
      }
    }
    return new Totals(files, bytes);
  }
}
