package dev.lakesmith.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3TestServerTest {

  @Test
  void putGetListAndConditionalPutInMemory() {
    try (S3TestServer s3 = S3TestServer.start().createBucket("lake")) {
      exercise(s3.client());
    }
  }

  @Test
  void filesystemBlobStoreWritesUnderTheBaseDir(@TempDir Path dir) throws Exception {
    try (S3TestServer s3 = S3TestServer.startFilesystem(dir).createBucket("lake")) {
      exercise(s3.client());
      assertEquals(
          "v1",
          Files.readString(dir.resolve("lake/claims/events/2023-06"), StandardCharsets.UTF_8));
    }
  }

  private static void exercise(S3Client c) {
    c.putObject(b -> b.bucket("lake").key("jars/a.jar"), RequestBody.fromString("jar-bytes"));
    c.putObject(b -> b.bucket("lake").key("jars/b.jar"), RequestBody.fromString("more"));
    c.putObject(b -> b.bucket("lake").key("other/x"), RequestBody.fromString("x"));

    assertEquals(
        "jar-bytes", c.getObjectAsBytes(b -> b.bucket("lake").key("jars/a.jar")).asUtf8String());
    List<String> keys =
        c.listObjectsV2(b -> b.bucket("lake").prefix("jars/")).contents().stream()
            .map(S3Object::key)
            .toList();
    assertEquals(List.of("jars/a.jar", "jars/b.jar"), keys);

    // The slice claim: the first conditional put wins, the second gets 412 Precondition Failed.
    c.putObject(
        b -> b.bucket("lake").key("claims/events/2023-06").ifNoneMatch("*"),
        RequestBody.fromString("v1"));
    S3Exception e =
        assertThrows(
            S3Exception.class,
            () ->
                c.putObject(
                    b -> b.bucket("lake").key("claims/events/2023-06").ifNoneMatch("*"),
                    RequestBody.fromString("v2")));
    assertEquals(412, e.statusCode());
    assertTrue(
        e.awsErrorDetails() == null
            || e.awsErrorDetails().errorCode() == null
            || e.awsErrorDetails().errorCode().equals("PreconditionFailed"),
        () -> "error code " + e.awsErrorDetails());
    assertEquals(
        "v1",
        c.getObjectAsBytes(b -> b.bucket("lake").key("claims/events/2023-06")).asUtf8String());
  }
}
