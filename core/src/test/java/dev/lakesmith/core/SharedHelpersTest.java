package dev.lakesmith.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one content hash and the one copy of Spark's Java 17 flags. */
class SharedHelpersTest {
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void contentHashIsSha256InLowerCaseHexOfBytesTextAndFiles(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("abc.txt"), "abc");
    assertEquals(ABC, ContentHash.of("abc"));
    assertEquals(ABC, ContentHash.of(new byte[] {'a', 'b', 'c'}));
    assertEquals(ABC, ContentHash.of(file));
  }

  /** The list the launcher gives Spark's JVMs is the one this test JVM was started with. */
  @Test
  void sparkJavaFlagsAreTheBuildsOneCopy() {
    List<String> flags = SparkJavaFlags.list();
    assertTrue(flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), flags.toString());
    assertTrue(flags.contains("-Dio.netty.tryReflectionSetAccessible=true"), flags.toString());
    List<String> thisJvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(thisJvm.containsAll(flags), thisJvm.toString());
  }
}
