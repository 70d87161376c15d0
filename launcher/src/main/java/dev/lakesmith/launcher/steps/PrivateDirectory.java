package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * A directory only this user can write, for files the launcher later hands to a JVM (the job jar,
 * the class-data archive): anyone able to write there could make {@code local} run their code.
 * Created 0700; an existing one must be a real directory (not a link) owned by this user that no
 * one else can write, and is narrowed to 0700. Without POSIX permissions (Windows) the per-user
 * profile directory already is private, and only the link check applies.
 */
final class PrivateDirectory {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateDirectory() {}

  static Path ensure(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      create(absolute);
      check(absolute);
      return absolute;
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot prepare the private directory " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (dir.getParent() != null) {
      Files.createDirectories(dir.getParent());
    }
    try {
      if (posix(dir.getParent())) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // created at the same moment by another launcher (or someone else): checked next
    }
  }

  private static void check(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw refuse(dir, "is not a directory (or is a link)");
    }
    if (!posix(dir)) {
      return;
    }
    PosixFileAttributes attributes =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me =
        dir.getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    if (!attributes.owner().equals(me)) {
      throw refuse(dir, "is owned by " + attributes.owner().getName() + ", not by " + me.getName());
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw refuse(
          dir, "can be written by others (" + PosixFilePermissions.toString(permissions) + ")");
    }
    if (!permissions.equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
  }

  private static boolean posix(Path path) {
    return path != null
        && Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            != null;
  }

  private static JobFailure refuse(Path dir, String why) {
    return JobFailure.config(
        "refusing to use "
            + dir
            + " for the launcher's local files: it "
            + why
            + "; remove it or make it a directory of yours with mode 700");
  }
}
