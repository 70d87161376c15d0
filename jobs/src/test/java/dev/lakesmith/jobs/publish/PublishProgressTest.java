package dev.lakesmith.jobs.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.PublishJournal;
import dev.lakesmith.core.manifest.PublishJournal.Move;
import dev.lakesmith.core.manifest.PublishJournal.PartitionSwap;
import dev.lakesmith.core.progress.Progress;
import dev.lakesmith.core.progress.ProgressMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publish draws partitions published of total on a terminal, and nothing when plain. */
class PublishProgressTest {
  @TempDir Path tmp;

  private PublishJournal journal() throws Exception {
    Path staging = tmp.resolve("staging");
    List<PartitionSwap> swaps = new ArrayList<>();
    String[][] partitions = {{"d=1", "a", "b"}, {"d=2", "c"}, {"d=3"}};
    for (String[] p : partitions) {
      List<Move> adds = new ArrayList<>();
      for (int i = 1; i < p.length; i++) {
        Path from = staging.resolve(p[0]).resolve(p[i] + ".parquet");
        Files.createDirectories(from.getParent());
        Files.writeString(from, p[i]);
        adds.add(
            new Move(
                from.toUri().toString(),
                tmp.resolve("table").resolve(p[0]).resolve(p[i] + ".parquet").toUri().toString(),
                1));
      }
      swaps.add(
          new PartitionSwap(
              Map.of("d", p[0].substring(2)),
              tmp.resolve("table").resolve(p[0]).toUri().toString(),
              adds,
              List.of()));
    }
    return new PublishJournal(staging.toUri().toString(), swaps);
  }

  private String publish(ProgressMode mode) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Publisher(new Configuration(), PublishProbe.NONE)
        .apply(
            journal(),
            new Progress(mode, new PrintStream(bytes, true, StandardCharsets.UTF_8), 79));
    assertTrue(Files.isRegularFile(tmp.resolve("table/d=1/b.parquet")));
    assertTrue(Files.isRegularFile(tmp.resolve("table/d=2/c.parquet")));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTerminalSeesPartitionsPublishedOfTotal() throws Exception {
    String out = publish(ProgressMode.BAR);
    assertTrue(out.contains("publish"), out);
    assertTrue(out.contains("3/3 partitions"), out);
    assertFalse(out.contains("4/3"), out);
  }

  @Test
  void plainOutputGetsNoBar() throws Exception {
    assertTrue(publish(ProgressMode.PLAIN).isEmpty());
  }
}
