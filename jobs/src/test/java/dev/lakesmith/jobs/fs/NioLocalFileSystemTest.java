package dev.lakesmith.jobs.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files and folders get exactly the modes Hadoop asks for, as with its own chmod. */
class NioLocalFileSystemTest {
  @TempDir Path tmp;

  private FileSystem fileSystem() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    conf.set("fs.permissions.umask-mode", "022");
    return FileSystem.get(tmp.toUri(), conf);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0640", "0750", "0600", "0777", "0000", "0421"})
  void setPermissionSetsTheModeBits(String octal) throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    FsPermission mode = new FsPermission(Short.parseShort(octal, 8));

    fileSystem().setPermission(new org.apache.hadoop.fs.Path(file.toUri()), mode);

    assertEquals(
        mode.toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void filesAndFoldersItCreatesGetTheirPermissionAndTheirBytes() throws Exception {
    FileSystem fs = fileSystem();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.resolve("a/b").toUri());
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, "part.txt");

    fs.mkdirs(dir, new FsPermission((short) 0750));
    try (FSDataOutputStream out =
        fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write("curated".getBytes(StandardCharsets.UTF_8));
    }

    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/b"))));
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/b/part.txt"))));
    assertEquals("curated", Files.readString(tmp.resolve("a/b/part.txt")));
    assertEquals(7, fs.getFileStatus(file).getLen());
  }

  @Test
  void aMissingFileIsNotFound() throws Exception {
    FileSystem fs = fileSystem();
    assertThrows(
        FileNotFoundException.class,
        () ->
            fs.setPermission(
                new org.apache.hadoop.fs.Path(tmp.resolve("missing").toUri()),
                new FsPermission((short) 0640)));
  }

  @Test
  void aStickyModeIsLeftToHadoopsOwnChmod() throws Exception {
    FileSystem fs = fileSystem();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.resolve("shared").toUri());
    fs.mkdirs(dir);

    fs.setPermission(dir, new FsPermission((short) 01777));

    FsPermission set = fs.getFileStatus(dir).getPermission();
    assertTrue(set.getStickyBit(), set.toString());
    assertEquals(
        "rwxrwxrwx",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("shared"))));
  }
}
