package dev.lakesmith.launcher.input;

import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.launcher.report.RunManifests;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job's run manifests as a backfill sees them: it skips a slice whose last successful run read
 * exactly the files and bytes the slice has now. The manifests are read with the job's own model,
 * so the counts compared are the ones the job wrote.
 */
public final class RunHistory {
  private final List<RunManifest> runs;

  private RunHistory(List<RunManifest> runs) {
    this.runs = List.copyOf(runs);
  }

  /** An unreadable manifest proves nothing: its slice is simply not skipped. */
  public static RunHistory load(S3Client s3, String output, String dataset) {
    return new RunHistory(RunManifests.load(output, dataset, () -> s3).runs());
  }

  public List<RunManifest> runs() {
    return runs;
  }

  /** Whether a successful run of {@code slice} read exactly these inputs. */
  public boolean succeeded(String slice, RawInventory.Totals now) {
    return runs.stream()
        .anyMatch(
            r ->
                r.succeeded()
                    && slice.equals(r.slice())
                    && r.inputs() != null
                    && r.inputs().files() == now.files()
                    && r.inputs().bytes() == now.bytes());
  }
}
