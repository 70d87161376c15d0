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

  /** Multipart upload and multi-object delete: s3proxy parses these XML bodies with Jackson. */
  @Test
  void multipartUploadAndBulkDelete() {
    try (S3TestServer s3 = S3TestServer.start().createBucket("lake")) {
      S3Client c = s3.client();
      String uploadId = c.createMultipartUpload(b -> b.bucket("lake").key("big")).uploadId();
      byte[] part1 = new byte[5 * 1024 * 1024];
      java.util.Arrays.fill(part1, (byte) 'a');
      String e1 =
          c.uploadPart(
                  b -> b.bucket("lake").key("big").uploadId(uploadId).partNumber(1),
                  RequestBody.fromBytes(part1))
              .eTag();
      String e2 =
          c.uploadPart(
                  b -> b.bucket("lake").key("big").uploadId(uploadId).partNumber(2),
                  RequestBody.fromString("tail"))
              .eTag();
      c.completeMultipartUpload(
          b ->
              b.bucket("lake")
                  .key("big")
                  .uploadId(uploadId)
                  .multipartUpload(
                      m -> m.parts(p -> p.partNumber(1).eTag(e1), p -> p.partNumber(2).eTag(e2))));
      assertEquals(
          part1.length + 4L, c.headObject(b -> b.bucket("lake").key("big")).contentLength());

      c.putObject(b -> b.bucket("lake").key("d/1"), RequestBody.fromString("1"));
      c.putObject(b -> b.bucket("lake").key("d/2"), RequestBody.fromString("2"));
      var deleted =
          c.deleteObjects(
              b ->
                  b.bucket("lake")
                      .delete(
                          d -> d.objects(o -> o.key("d/1"), o -> o.key("d/2"), o -> o.key("big"))));
      assertEquals(3, deleted.deleted().size());
      assertEquals(0, c.listObjectsV2(b -> b.bucket("lake")).keyCount());
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
