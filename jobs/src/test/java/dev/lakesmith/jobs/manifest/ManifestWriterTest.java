package dev.lakesmith.jobs.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.fs.NioLocalFileSystem;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {
  @TempDir Path tmp;
  private final Configuration hadoop = nioLocal();

  /** Hadoop's own local file system forks a chmod per file without its native library. */
  private static Configuration nioLocal() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void aReaderNeverFindsTheManifestMissingWhileItIsRewritten() throws Exception {
    String file = ManifestWriter.path(tmp.toString(), "events", "run-1");
    ManifestWriter.write(hadoop, file, manifest(RunManifest.RUNNING));
    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> seen = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get()) {
                try {
                  Optional<RunManifest> read = ManifestWriter.read(hadoop, file);
                  if (read.isEmpty()) {
                    seen.add("missing");
                  }
                } catch (Exception e) {
                  seen.add(e.toString());
                }
              }
            });
    reader.start();
    try {
      for (int i = 0; i < 400; i++) {
        ManifestWriter.write(
            hadoop, file, manifest(i % 2 == 0 ? RunManifest.PUBLISHING : RunManifest.SUCCEEDED));
      }
    } finally {
      writing.set(false);
      reader.join();
    }
    assertEquals(List.of(), seen.stream().distinct().toList());
    assertEquals(RunManifest.SUCCEEDED, ManifestWriter.read(hadoop, file).orElseThrow().status());
  }

  @Test
  void aManifestWithTheChecksumOfAnOlderWriterIsReplacedWholeAndStaysReadable() throws Exception {
    String file = ManifestWriter.path(tmp.toString(), "events", "run-2");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
    FileSystem local = FileSystem.getLocal(hadoop);
    try (OutputStream out = local.create(path, true)) {
      out.write(ManifestWriter.JSON.writeValueAsBytes(manifest(RunManifest.PUBLISHING)));
    }
    Path checksum = Path.of(file).resolveSibling(".run-2.json.crc");
    assertEquals(true, Files.exists(checksum), "the older writer's checksum");

    ManifestWriter.write(hadoop, file, manifest(RunManifest.SUCCEEDED));

    assertFalse(Files.exists(checksum), "a stale checksum would fail every later read");
    assertEquals(RunManifest.SUCCEEDED, ManifestWriter.read(hadoop, file).orElseThrow().status());
    try (var names = Files.list(Path.of(file).getParent())) {
      assertEquals(List.of("run-2.json"), names.map(p -> p.getFileName().toString()).toList());
    }
  }

  private static RunManifest manifest(String status) {
    return new RunManifest(
        "run-1",
        "events",
        "events",
        status,
        null,
        "2023-11",
        "2024-01-02T03:04:05Z",
        "2024-01-02T03:05:05Z",
        new RunManifest.Inputs("raw", "raw/x", 3, 4096, List.of(), List.of(), List.of()),
        null,
        new Counts(10, 1, 2, 7, 0),
        true,
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        null,
        null,
        List.of(),
        null,
        null,
        null);
  }
}
