package dev.lakesmith.launcher.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.launcher.testing.EmrEmulator;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Every command README.md shows is run here, as written, against real parts (a child launcher JVM
 * in a working directory laid out like a checkout, local Spark, the in-process S3 server and the
 * EMR emulator, DuckDB as the reader), or is named in {@link #CHECKED_ELSEWHERE} with the reason. A
 * command added to the README that is in neither fails {@link #everyReadmeCommandIsRunHere}.
 */
class ReadmeCommandsTest {
  private static final String L = Readme.LAUNCHER + " ";
  private static final Path SAMPLE_DATA = Path.of("..", "sample-data").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ROLLBACK_ON_EMR =
      "rollback --emr --dataset events --run-id <run id> --wait --conf-file my-aws.conf"
          + " --conf lakesmith.datasets.events.table-format=iceberg";
  private static final String MAINTAIN_ON_EMR =
      "maintain --emr --dataset events --wait --conf-file my-aws.conf"
          + " --conf lakesmith.datasets.events.table-format=iceberg";

  /** The launcher commands the tests below run; the exact README text. */
  private static final Set<String> RUN_HERE =
      Set.of(
          L + "--help",
          L + "local --dataset events",
          L
              + "local --dataset events [--slice 2023-11] [--input DIR] [--output DIR]"
              + " [--skip-register] [--conf key=value ...] [--conf-file FILE]",
          L + "runs --dataset events [--output DIR|s3://...] [--limit 20] [--json]",
          L + "report --dataset events [--output DIR|s3://...] --html events.html",
          L + "local --dataset clicks --conf-file clicks.conf",
          L + "local --dataset events --conf lakesmith.datasets.events.table-format=iceberg",
          L
              + "rollback --dataset events --run-id <run id> [--force]"
              + " --conf lakesmith.datasets.events.table-format=iceberg",
          L + "maintain --dataset events --conf lakesmith.datasets.events.table-format=iceberg",
          L + ROLLBACK_ON_EMR,
          L + MAINTAIN_ON_EMR,
          L
              + "plan --dataset events --from 2019-01 --to 2025-09 --input-bytes 900g"
              + " --conf-file my-aws.conf",
          L + "run --dataset events --slice 2023-11 --wait --conf-file my-aws.conf",
          L + "trigger --event event.json --conf-file my-aws.conf",
          L + "backfill --dataset events --from 2019-01 --to 2025-09 --conf-file my-aws.conf");

  /** Commands not run here, by how they start, and where they are checked instead. */
  private static final Map<String, String> CHECKED_ELSEWHERE =
      Map.of(
          "mvn -B -DskipTests package",
          "the build: .ci/run's `mvn -B verify` packages too; these tests run what the jar bundles",
          "mvn -B verify",
          ".ci/run runs it as written (ciRunsTheReadmesFirstCommands)",
          "mvn spotless:apply",
          "rewrites sources; `mvn -B verify` checks the format (spotless:check) and fails on a"
              + " difference",
          "mvn -B -o -pl jobs test -Dtest=SampleDataTest",
          "SampleDataTest runs in `mvn -B verify`; the flag only rewrites sample-data",
          "spark-submit --class dev.lakesmith.jobs.CurateJob",
          "needs a Spark distribution; the EMR emulator's SparkStepExecutor runs the same class"
              + " and arguments through SparkSubmit (TriggerEndToEndTest)",
          "aws s3 cp launcher/target/lakesmith.jar",
          "needs an AWS account",
          "aws cloudformation deploy",
          "needs an AWS account; the template and its parameters: cloudFormationCommandMatches",
          "java -jar bench/target/lakesmith-bench.jar benchmark",
          "a benchmark of minutes on a generated corpus; bench's tests run its generator and"
              + " truth (GenerateEventsCommandTest, BenchTruthTest)");

  @TempDir Path tmp;

  @Test
  void everyReadmeCommandIsRunHere() {
    List<Readme.Command> commands = Readme.read().commands();
    List<String> unexplained = new ArrayList<>();
    for (Readme.Command c : commands) {
      boolean run = RUN_HERE.contains(c.text());
      boolean elsewhere = CHECKED_ELSEWHERE.keySet().stream().anyMatch(c.text()::startsWith);
      if (!run && !elsewhere) {
        unexplained.add("README.md:" + c.line() + ": " + c.text());
      }
    }
    assertEquals(
        List.of(),
        unexplained,
        "README commands no test runs: run them in ReadmeCommandsTest, or name them in"
            + " CHECKED_ELSEWHERE with the test that checks them");
    Set<String> shown = commands.stream().map(Readme.Command::text).collect(Collectors.toSet());
    for (String stale : RUN_HERE) {
      assertTrue(shown.contains(stale), "no longer in README.md: " + stale);
    }
    for (String stale : CHECKED_ELSEWHERE.keySet()) {
      assertTrue(shown.stream().anyMatch(s -> s.startsWith(stale)), "not in README: " + stale);
    }
  }

  @Test
  void ciRunsTheReadmesFirstCommands() throws IOException {
    List<String> ci =
        Files.readAllLines(Path.of("..", ".ci", "run")).stream().map(String::strip).toList();
    List<Readme.Command> first =
        Readme.read().commands().stream().limit(3).toList(); // build && local, then the tests
    assertEquals("mvn -B -DskipTests package", first.get(0).text());
    assertEquals(L + "local --dataset events", first.get(1).text());
    assertEquals("mvn -B verify", first.get(2).text());
    assertTrue(ci.contains("mvn -B verify"), ci.toString());
    assertTrue(ci.stream().anyMatch(line -> line.startsWith(first.get(1).text())), ci.toString());
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() throws Exception {
    LauncherProcess.Result help = launch(tmp, Map.of(), readme(L + "--help"));
    assertEquals(0, help.exit(), help.all());
    String text = help.out().replaceAll("\\s+", " ");
    for (String command :
        List.of(
            "local",
            "plan",
            "run",
            "trigger",
            "backfill",
            "runs",
            "report",
            "rollback",
            "maintain")) {
      assertTrue(text.contains(" " + command + " "), command + " missing: " + help.out());
    }
    for (String code : List.of("0", "1", "2", "3")) {
      assertTrue(text.contains(" " + code + " "), help.out());
    }
    assertTrue(text.contains("Exit codes:"), help.out());
  }

  @Test
  void theFirstRunThenRunsReportAndTheDuckDbQueryOnItsOutput() throws Exception {
    Path work = checkout();
    LauncherProcess.Result local = launch(work, Map.of(), readme(L + "local --dataset events"));
    assertEquals(0, local.exit(), local.all());
    assertEquals("", local.err(), local.all());
    Readme readme = Readme.read();
    for (Readme.Block block : readme.blocks()) {
      if (block.language().isEmpty() && block.text().startsWith("lakesmith: ")) {
        for (String shown : block.text().strip().split("\n")) {
          assertTrue(printed(local.out(), shown), "README shows '" + shown + "': " + local.out());
        }
      }
    }

    List<String> runs =
        readme(L + "runs --dataset events [--output DIR|s3://...] [--limit 20] [--json]");
    LauncherProcess.Result table = launch(work, Map.of(), minimal(runs));
    assertEquals(0, table.exit(), table.all());
    assertTrue(table.out().contains("SUCCEEDED"), table.all());
    LauncherProcess.Result json =
        launch(work, Map.of(), concrete(runs, Map.of("--output", "lakesmith-output")));
    assertEquals(0, json.exit(), json.all());
    assertEquals(1, JSON.readTree(json.out()).size(), json.out());

    List<String> report =
        readme(L + "report --dataset events [--output DIR|s3://...] --html events.html");
    for (List<String> args :
        List.of(minimal(report), concrete(report, Map.of("--output", "lakesmith-output")))) {
      Files.deleteIfExists(work.resolve("events.html"));
      LauncherProcess.Result html = launch(work, Map.of(), args);
      assertEquals(0, html.exit(), html.all());
      assertTrue(Files.readString(work.resolve("events.html")).contains("events"));
    }

    String duckdb = readme.block("sql", "read_parquet('lakesmith-output/");
    String query =
        duckdb.replace("'lakesmith-output/", "'" + work.resolve("lakesmith-output") + "/");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(query.strip().replaceAll(";$", ""))) {
      int count = 0;
      while (rows.next()) {
        count++;
        assertTrue(rows.getLong("n") > 0);
        assertEquals("2023-11-01", rows.getString("d"));
      }
      assertTrue(count > 0, "the README's DuckDB query returned no rows");
    }

    List<String> usage =
        readme(
            L
                + "local --dataset events [--slice 2023-11] [--input DIR] [--output DIR]"
                + " [--skip-register] [--conf key=value ...] [--conf-file FILE]");
    Files.writeString(
        work.resolve("site.conf"), "lakesmith.datasets.events.max-bad-fraction = 0.5\n");
    Map<String, String> values = new HashMap<>();
    values.put("--input", "sample-data/events");
    values.put("--output", "slice-output");
    values.put("--conf", "lakesmith.read.max-record-bytes=1m");
    values.put("--conf-file", "site.conf");
    LauncherProcess.Result slice = launch(work, Map.of(), concrete(usage, values));
    assertEquals(0, slice.exit(), slice.all());
    assertTrue(Files.isDirectory(work.resolve("slice-output/events")), slice.all());
    assertFalse(Files.exists(work.resolve("slice-output/_metastore")), "--skip-register");
  }

  @Test
  void aDatasetAddedAsTheReadmeShowsIsCurated() throws Exception {
    Path work = tmp.resolve("clicks-checkout");
    Path day = work.resolve("sample-data/clicks/clicks/2023/11/05");
    Files.createDirectories(day);
    Files.writeString(
        work.resolve("clicks.conf"), Readme.read().block("hocon", "lakesmith.datasets.clicks ="));
    String click = "{\"user_id\":\"%s\",\"clicked_at\":\"%s\",\"context\":{\"page\":\"%s\"}}\n";
    Files.writeString(
        day.resolve("part-0.json"),
        click.formatted("u1", "2023-11-05 10:00:00.123", "/home")
            + click.formatted("u2", "2023-11-05 23:30:00", "/cart")
            + click.formatted("u1", "2023-11-05 10:00:00.123", "/home"));

    LauncherProcess.Result r =
        launch(work, Map.of(), readme(L + "local --dataset clicks --conf-file clicks.conf"));
    assertEquals(0, r.exit(), r.all());
    JsonNode counts = manifest(work.resolve("lakesmith-output"), "clicks").get("counts");
    assertEquals(3, counts.get("read").asLong(), counts.toString());
    assertEquals(1, counts.get("duplicates_dropped").asLong(), counts.toString());
    assertEquals(2, counts.get("written_new").asLong(), counts.toString());

    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(
        "/home",
        LocalDateTime.parse("2023-11-05T10:00:00.123").atZone(berlin).toInstant().toEpochMilli());
    expected.put(
        "/cart",
        LocalDateTime.parse("2023-11-05T23:30:00").atZone(berlin).toInstant().toEpochMilli());
    Map<String, Long> actual = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT page, epoch_ms(clicked_at) AS ms FROM read_parquet('"
                    + work.resolve("lakesmith-output/clicks")
                    + "/**/*.parquet', hive_partitioning = true) ORDER BY ms")) {
      while (rows.next()) {
        actual.put(rows.getString("page"), rows.getLong("ms"));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void icebergRunThenItsRollbackThenMaintenance() throws Exception {
    Path work = checkout();
    LauncherProcess.Result local =
        launch(
            work,
            Map.of(),
            readme(
                L
                    + "local --dataset events --conf lakesmith.datasets.events.table-format=iceberg"));
    assertEquals(0, local.exit(), local.all());
    String runId = manifest(work.resolve("lakesmith-output"), "events").get("run_id").asText();
    List<String> rollback =
        readme(
            L
                + "rollback --dataset events --run-id <run id> [--force]"
                + " --conf lakesmith.datasets.events.table-format=iceberg");
    LauncherProcess.Result undone =
        launch(work, Map.of(), concrete(rollback, Map.of("--run-id", runId)));
    assertEquals(0, undone.exit(), undone.all());
    LauncherProcess.Result maintained =
        launch(
            work,
            Map.of(),
            readme(
                L
                    + "maintain --dataset events --conf lakesmith.datasets.events.table-format=iceberg"));
    assertEquals(0, maintained.exit(), maintained.all());
    assertTrue(maintained.out().contains("lakesmith: maintained "), maintained.all());
  }

  @Test
  void awsCommandsAgainstTheS3ServerAndTheEmrEmulator() throws Exception {
    Path work = tmp.resolve("aws");
    Files.createDirectories(work);
    Files.writeString(work.resolve("my-aws.conf"), Readme.read().block("hocon", "lakesmith.emr {"));
    try (S3TestServer s3 =
            S3TestServer.start()
                .createBucket("acme-raw", "acme-lake", "acme-artifacts", "acme-emr-logs");
        EmrEmulator emr = EmrEmulator.start()) {
      Path events = SAMPLE_DATA.resolve("events");
      try (Stream<Path> files = Files.walk(events.resolve("events_raw"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String key = "events/" + events.relativize(file).toString().replace('\\', '/');
          s3.client().putObject(b -> b.bucket("acme-raw").key(key), RequestBody.fromFile(file));
        }
      }
      String marker = "events/events_raw/json/name=account_created/d=2023-10-31/_SUCCESS";
      s3.client().putObject(b -> b.bucket("acme-raw").key(marker), RequestBody.empty());
      Files.writeString(
          work.resolve("event.json"),
          """
          {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
            "eventName":"ObjectCreated:Put",
            "s3":{"bucket":{"name":"acme-raw"},"object":{"key":"%s","size":0}}}]}
          """
              .formatted(marker.replace("=", "%3D")),
          StandardCharsets.UTF_8);
      Map<String, String> env = new HashMap<>();
      env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_EMR", emr.endpoint().toString());
      env.put("AWS_REGION", S3TestServer.REGION.id());
      env.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
      env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");

      for (String command :
          List.of(
              "plan --dataset events --from 2019-01 --to 2025-09 --input-bytes 900g"
                  + " --conf-file my-aws.conf",
              "run --dataset events --slice 2023-11 --wait --conf-file my-aws.conf",
              "trigger --event event.json --conf-file my-aws.conf",
              "backfill --dataset events --from 2019-01 --to 2025-09 --conf-file my-aws.conf")) {
        LauncherProcess.Result r = launch(work, env, readme(L + command));
        assertEquals(0, r.exit(), r.all());
        assertEquals("", r.err(), "an AWS command's standard error: " + r.all());
        assertFalse(r.out().isBlank(), r.all());
      }
      assertFalse(emr.executedSteps().isEmpty(), "no step reached the EMR emulator");

      int before = emr.executedSteps().size();
      for (List<String> args :
          List.of(
              concrete(readme(L + ROLLBACK_ON_EMR), Map.of("--run-id", "20231101T000000Z-abc123")),
              readme(L + MAINTAIN_ON_EMR))) {
        LauncherProcess.Result r = launch(work, env, args);
        assertEquals(0, r.exit(), r.all());
        assertEquals("", r.err(), "an AWS command's standard error: " + r.all());
        assertTrue(r.out().contains(" succeeded: 1 steps COMPLETED"), r.all());
      }
      assertEquals(
          List.of("dev.lakesmith.jobs.RollbackJob", "dev.lakesmith.jobs.MaintainJob"),
          emr.executedSteps().subList(before, emr.executedSteps().size()).stream()
              .map(s -> s.args().get(s.args().indexOf("--class") + 1))
              .toList());
    }
  }

  @Test
  void cloudFormationCommandMatchesTheTemplate() throws IOException {
    String deploy =
        Readme.read().commands().stream()
            .map(Readme.Command::text)
            .filter(t -> t.startsWith("aws cloudformation deploy"))
            .findFirst()
            .orElseThrow();
    List<String> words = List.of(deploy.split(" "));
    Path template = Path.of("..", words.get(words.indexOf("--template-file") + 1));
    String yaml = Files.readString(template);
    for (String override :
        words.subList(words.indexOf("--parameter-overrides") + 1, words.size())) {
      String parameter = override.substring(0, override.indexOf('='));
      assertTrue(
          Pattern.compile("(?m)^  " + parameter + ":").matcher(yaml).find(),
          template + " has no parameter " + parameter);
    }
  }

  /** The README command's launcher arguments; the command must be one of {@link #RUN_HERE}. */
  private static List<String> readme(String text) {
    assertTrue(RUN_HERE.contains(text), text);
    return Readme.read().commands().stream()
        .filter(c -> c.text().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not in README.md: " + text))
        .args();
  }

  /** A usage line without its optional [parts]. */
  static List<String> minimal(List<String> usage) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    for (String word : usage) {
      if (word.startsWith("[")) {
        depth++;
      }
      if (depth == 0) {
        args.add(word);
      }
      if (word.endsWith("]")) {
        depth--;
      }
    }
    return args;
  }

  /**
   * A usage line with every optional part, the first of alternatives (a|b), and placeholders (DIR,
   * FILE, key=value, &lt;run id&gt;) replaced by {@code values} for the option they follow.
   */
  static List<String> concrete(List<String> usage, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    for (String word : usage) {
      String w = word.replace("[", "").replace("]", "");
      if (!w.isEmpty() && !w.equals("...")) {
        words.add(w.contains("|") ? w.substring(0, w.indexOf('|')) : w);
      }
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("<")) {
        String id = w;
        while (!words.get(i).endsWith(">")) {
          i++;
          id += " " + words.get(i);
        }
        w = id;
      }
      boolean placeholder = w.matches("[A-Z]+|key=value|<.*>");
      if (placeholder) {
        String option = args.get(args.size() - 1);
        String value = values.get(option);
        if (value == null) {
          throw new AssertionError("no value for " + option + " " + w);
        }
        args.add(value);
      } else {
        args.add(w);
      }
    }
    return args;
  }

  /** Whether a README output line (`...` for any text) is one of the lines printed. */
  private static boolean printed(String out, String shown) {
    String regex =
        Stream.of(shown.strip().split("\\.\\.\\.", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining(".*"));
    return out.lines().anyMatch(line -> line.strip().matches(regex));
  }

  /** A working directory like a checkout's root: the committed sample-data in place. */
  private Path checkout() throws IOException {
    Path work = Files.createTempDirectory(tmp, "checkout");
    Files.createSymbolicLink(work.resolve("sample-data"), SAMPLE_DATA);
    return work;
  }

  private LauncherProcess.Result launch(Path work, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    return LauncherProcess.run(work, tmp.resolve("logs"), env, args);
  }

  private static JsonNode manifest(Path output, String dataset) throws IOException {
    try (Stream<Path> files = Files.list(output.resolve("_runs").resolve(dataset))) {
      List<Path> manifests = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, manifests.size(), manifests.toString());
      return JSON.readTree(manifests.get(0).toFile());
    }
  }
}
