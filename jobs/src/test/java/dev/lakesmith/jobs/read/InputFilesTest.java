package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakesmith.core.layout.Slice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path tmp;

  @Test
  void hiddenNamesInsideTheSliceAreListedNotRead() throws IOException {
    Path month = tmp.resolve("raw/exports/h1/2019-08");
    write(month.resolve("a.csv"), "x");
    write(month.resolve("_SUCCESS"), "");
    write(month.resolve(".a.csv.crc"), "crc");
    write(month.resolve("_temporary/0/part-0.csv"), "half written");
    write(month.resolve("sub/b.csv"), "y");
    write(month.resolve("sub/.DS_Store"), "finder");
    write(tmp.resolve("raw/exports/h1/.keep"), "");
    write(tmp.resolve("raw/exports/h1/2019-07/_SUCCESS"), "");
    write(tmp.resolve("raw/exports/_staging/2019-08/c.csv"), "z");

    InputFiles.Listing listing =
        InputFiles.list(
            new Configuration(),
            tmp.resolve("raw").toString(),
            "exports/*/{yyyy}-{MM}",
            Slice.parse("2019-08"),
            true);

    assertEquals(
        List.of(month.resolve("a.csv"), month.resolve("sub/b.csv")),
        listing.files().stream().map(file -> Path.of(file.path().replace("file:", ""))).toList());
    assertEquals(
        List.of(
            tmp.resolve("raw/exports/_staging"),
            tmp.resolve("raw/exports/h1/.keep"),
            month.resolve(".a.csv.crc"),
            month.resolve("_SUCCESS"),
            month.resolve("_temporary"),
            month.resolve("sub/.DS_Store")),
        listing.hidden().stream().map(path -> Path.of(path.replace("file:", ""))).toList());
    assertEquals(List.of(), listing.unmatched());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
