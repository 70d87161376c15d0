package dev.lakesmith.launcher.input;

import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.core.layout.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many bytes a curate step will read from a local input folder, known before Spark starts: the
 * dataset's layout ({@link RawLayout}, the rules the job's listing follows) applied to the files on
 * disk, the folder standing in for a bucket. It only chooses the step's JVM options, so anything it
 * cannot tell (an S3 or other URI input, an unreadable tree) is "unknown", never a failure.
 */
public final class LocalInput {
  private static final String FOLDER = "local-input";

  private LocalInput() {}

  /**
   * Bytes of the non-empty, non-hidden files of {@code slice} (all slices when empty) the job reads
   * under {@code input}, if {@code input} is a local folder.
   */
  public static OptionalLong bytes(
      String input, String dataset, String pathPattern, Optional<String> slice) {
    if (input.contains("://") || input.startsWith("file:")) {
      return OptionalLong.empty();
    }
    Path root = Path.of(input);
    RawLayout layout = new RawLayout(dataset, new S3Location(FOLDER, ""), pathPattern);
    Path listed = root.resolve(layout.listPrefix());
    if (!Files.isDirectory(listed)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.walk(listed)) {
      return OptionalLong.of(
          files
              .filter(Files::isRegularFile)
              .mapToLong(file -> readBytes(root, file, layout, slice))
              .sum());
    } catch (IOException | UncheckedIOException e) {
      return OptionalLong.empty();
    }
  }

  private static long readBytes(Path root, Path file, RawLayout layout, Optional<String> slice) {
    String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    boolean read =
        layout
            .place(FOLDER, key)
            .filter(RawLayout.Placement::readByJob)
            .filter(p -> slice.map(p::in).orElse(true))
            .isPresent();
    if (!read) {
      return 0;
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
