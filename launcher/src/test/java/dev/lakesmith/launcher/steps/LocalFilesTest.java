package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakesmith.core.ContentHash;
import dev.lakesmith.core.JobFailure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar and the class-data archive are files only this user could have put there. */
class LocalFilesTest {
  @TempDir Path tmp;
  private byte[] embedded;
  private Path base;

  @BeforeEach
  void readEmbeddedJar() throws Exception {
    try (InputStream in = LocalSpark.resource(LocalSpark.JOB_JAR_RESOURCE)) {
      embedded = in.readAllBytes();
    }
    base = tmp.resolve("cache/lakesmith");
  }

  private Path jarName(Path dir) {
    return dir.resolve("lakesmith-jobs-" + ContentHash.of(embedded).substring(0, 16) + ".jar");
  }

  private static String mode(Path dir) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
  }

  @Test
  void aPlantedJarOfTheSameNameAndSizeIsReplacedBeforeUse() throws Exception {
    Path dir = LocalFiles.in(base).dir();
    byte[] planted = embedded.clone();
    Arrays.fill(planted, 0, 64, (byte) 'x');
    Files.write(jarName(dir), planted);
    Path earlierBuild = Files.writeString(dir.resolve("lakesmith-jobs-0123456789abcdef.jar"), "");

    Path jar = LocalFiles.in(base).jobJar();

    assertEquals(jarName(dir), jar);
    assertArrayEquals(embedded, Files.readAllBytes(jar));
    assertEquals(false, Files.exists(earlierBuild));
    assertEquals("rwx------", mode(base));
    assertEquals("rwx------", mode(dir));
    assertEquals(base.resolve(dir.getFileName()), dir);
  }

  @Test
  void aJarLinkedElsewhereIsReplacedAndItsTargetLeftAlone() throws Exception {
    Path dir = LocalFiles.in(base).dir();
    Path elsewhere = Files.write(tmp.resolve("other.jar"), embedded);
    Files.createSymbolicLink(jarName(dir), elsewhere);

    Path jar = LocalFiles.in(base).jobJar();

    assertEquals(false, Files.isSymbolicLink(jar));
    assertArrayEquals(embedded, Files.readAllBytes(jar));
  }

  @Test
  void aDirectoryOthersCanWriteIsRefusedAndNothingInItIsUsed() throws Exception {
    Files.createDirectories(base);
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));

    JobFailure refused = assertThrows(JobFailure.class, () -> LocalFiles.in(base));

    assertEquals(JobFailure.BAD_USAGE, refused.exitCode());
    assertEquals(
        "refusing to use "
            + base
            + " for the launcher's local files: it can be written by others (rwxrwxrwx); remove"
            + " it or make it a directory of yours with mode 700",
        refused.getMessage());
  }

  @Test
  void aDirectoryOfAnotherUserIsRefused() throws Exception {
    Files.createDirectories(
        base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    UserPrincipal nobody;
    try {
      nobody = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(base, nobody);
    } catch (Exception e) {
      assumeTrue(false, "cannot give a directory away here (not root): " + e);
      return;
    }

    JobFailure refused = assertThrows(JobFailure.class, () -> LocalFiles.in(base));

    assertEquals(
        "refusing to use "
            + base
            + " for the launcher's local files: it is owned by nobody, not by "
            + System.getProperty("user.name")
            + "; remove it or make it a directory of yours with mode 700",
        refused.getMessage());
  }

  @Test
  void aLinkInPlaceOfTheDirectoryIsRefused() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Files.createDirectories(base.getParent());
    Files.createSymbolicLink(base, real);

    JobFailure refused = assertThrows(JobFailure.class, () -> LocalFiles.in(base));

    assertEquals(
        "refusing to use "
            + base
            + " for the launcher's local files: it is not a directory (or is a link); remove it"
            + " or make it a directory of yours with mode 700",
        refused.getMessage());
  }

  @Test
  void anOwnDirectoryOthersCanOnlyReadIsNarrowedTo700() throws Exception {
    Files.createDirectories(base);
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));

    LocalFiles.in(base);

    assertEquals("rwx------", mode(base));
  }

  @Test
  void theCacheIsTheUsersNotTheSharedTemporaryDirectory() {
    assertEquals(Path.of("/x/cache/lakesmith"), LocalFiles.userCache("/x/cache", "/home/u"));
    assertEquals(Path.of("/home/u/.cache/lakesmith"), LocalFiles.userCache(null, "/home/u"));
    assertEquals(Path.of("/home/u/.cache/lakesmith"), LocalFiles.userCache("relative", "/home/u"));
  }
}
