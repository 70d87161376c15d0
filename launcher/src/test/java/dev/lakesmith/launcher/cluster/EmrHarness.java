package dev.lakesmith.launcher.cluster;

import dev.lakesmith.launcher.Lakesmith;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.testing.EmrEmulator;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The launcher's AWS commands against the in-process S3 server and the EMR emulator: buckets raw,
 * lake, artifacts and logs, a conf file pointing lakesmith.emr at them, and a picocli factory that
 * hands the commands explicit SDK settings.
 */
final class EmrHarness implements AutoCloseable {
  static final String RAW = "raw";
  static final String EVENTS_PREFIX = "events/events_raw/json/";

  final S3TestServer s3;
  final EmrEmulator emr;
  final Path confFile;
  final AwsSettings settings;

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  EmrHarness(Path dir, EmrEmulator.Options options, String extraConf) {
    this.s3 = S3TestServer.start().createBucket(RAW, "lake", "artifacts", "logs", "elsewhere");
    this.emr = EmrEmulator.start(options);
    this.settings = s3.awsSettings().withEmrEndpoint(emr.endpoint());
    this.confFile = dir.resolve("test-emr.conf");
    String conf =
        """
        lakesmith.emr {
          input-root = "s3://raw"
          output = "s3://lake/curated"
          staging = "s3://artifacts/lakesmith"
          log-uri = "s3://logs/emr/"
          poll { initial = 20ms, max = 200ms, heartbeat = 1h }
        }
        """
            + extraConf;
    try {
      Files.writeString(confFile, conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts an object with these bytes into the raw bucket. */
  void putRaw(String key, byte[] content) {
    s3.client().putObject(b -> b.bucket(RAW).key(key), RequestBody.fromBytes(content));
  }

  /** A small fake data object of the events layout on an arrival day. */
  void putEventsFile(String day, String name) {
    putRaw(
        EVENTS_PREFIX + "name=account_created/d=" + day + "/" + name,
        ("{\"fake\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** Runs the launcher with the harness conf file appended to {@code args}. */
  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--conf-file", confFile.toString()));
    return capture(factory(), all.toArray(String[]::new));
  }

  /** {@code args} plus bucket settings, for commands that run without the harness conf file. */
  static String[] withBuckets(String... args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of(args[0]));
    for (String bucket :
        List.of(
            "input-root=s3://acme-raw",
            "output=s3://acme-lake/curated",
            "staging=s3://acme-artifacts/lakesmith",
            "log-uri=s3://acme-logs/emr/")) {
      String key = "lakesmith.emr." + bucket.substring(0, bucket.indexOf('=') + 1);
      if (List.of(args).stream().noneMatch(a -> a.startsWith(key))) {
        all.addAll(List.of("--conf", "lakesmith.emr." + bucket));
      }
    }
    all.addAll(List.of(args).subList(1, args.length));
    return all.toArray(String[]::new);
  }

  /** Runs the launcher with this factory, capturing standard output and error. */
  static Result capture(CommandLine.IFactory factory, String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Lakesmith.execute(factory, args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  CommandLine.IFactory factory() {
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          return cls.getConstructor(AwsSettings.class).newInstance(settings);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
  }

  /** An S3 event notification for one created object. */
  static String s3Event(String bucket, String key) {
    return """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
          "eventName":"ObjectCreated:Put",
          "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":0}}}]}
        """
        .formatted(bucket, key.replace("=", "%3D"));
  }

  /** An EventBridge "Object Created" event for one object. */
  static String eventBridge(String bucket, String key) {
    return """
        {"version":"0","detail-type":"Object Created","source":"aws.s3","region":"us-east-1",
         "detail":{"bucket":{"name":"%s"},"object":{"key":"%s","size":0}}}
        """
        .formatted(bucket, key);
  }

  @Override
  public void close() {
    emr.close();
    s3.close();
  }
}
