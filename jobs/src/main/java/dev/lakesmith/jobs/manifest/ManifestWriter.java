package dev.lakesmith.jobs.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/** Writes and reads run manifests as snake_case JSON. */
public final class ManifestWriter {
  public static final ObjectMapper JSON = ManifestJson.MAPPER;

  private ManifestWriter() {}

  public static String path(String output, String dataset, String runId) {
    return OutputLayout.manifest(output, dataset, runId);
  }

  /** As {@link #write(Configuration, String, RunManifest, QuarantineSettings)}, default mode. */
  public static void write(Configuration hadoop, String file, RunManifest manifest)
      throws IOException {
    write(hadoop, file, manifest, QuarantineSettings.DEFAULT);
  }

  /**
   * Writes a manifest whole. Locally it goes to a hidden temporary file renamed over the old one
   * (POSIX rename replaces in one step, so a reader or a crash sees the old manifest or the new,
   * never none), written without Hadoop's {@code .crc} side file: renaming a file and its checksum
   * are two steps, and a crash between them would leave a manifest that fails its checksum. An S3
   * put is whole by itself. Manifests quote examples of quarantined values, so locally they get the
   * quarantine's file mode.
   */
  public static void write(
      Configuration hadoop, String file, RunManifest manifest, QuarantineSettings access)
      throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoop);
    byte[] json = JSON.writeValueAsBytes(manifest);
    if (!(fs instanceof LocalFileSystem local)) {
      try (OutputStream out = fs.create(path, true)) {
        out.write(json);
      }
      return;
    }
    FileSystem raw = local.getRawFileSystem();
    Path temp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    FsPermission dirMode = new FsPermission((short) access.directoryMode());
    raw.mkdirs(path.getParent(), dirMode);
    raw.setPermission(path.getParent(), dirMode);
    try (OutputStream out = raw.create(temp, true)) {
      out.write(json);
    }
    raw.setPermission(temp, new FsPermission((short) access.fileMode()));
    raw.delete(local.getChecksumFile(path), false);
    if (!raw.rename(temp, path)) {
      throw new IOException("cannot rename " + temp + " to " + path);
    }
  }

  /** The manifest at {@code file}, if there is one. */
  public static Optional<RunManifest> read(Configuration hadoop, String file) throws IOException {
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return Optional.of(ManifestJson.RUN_MANIFEST.readValue(in));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
