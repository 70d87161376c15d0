package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code plan} with {@code --input-bytes}: the whole RunJobFlow request, with no AWS at all. */
class PlanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String[] run(String... args) {
    EmrHarness.Result r =
        EmrHarness.capture(CommandLine.defaultFactory(), EmrHarness.withBuckets(args));
    return new String[] {String.valueOf(r.exit()), r.out(), r.err()};
  }

  private static JsonNode request(String out) throws Exception {
    return JSON.readTree(out.substring(out.indexOf("RunJobFlow request:") + 20));
  }

  @Test
  void planPrintsTheExactRequestStepsAndCost() throws Exception {
    String[] r =
        run(
            "plan",
            "--dataset",
            "events",
            "--slice",
            "2023-11",
            "--input-bytes",
            String.valueOf(100L << 30),
            "--conf",
            "lakesmith.emr.security-configuration=lakesmith-sec");
    assertEquals("0", r[0], r[1] + r[2]);
    String out = r[1];
    assertTrue(
        out.contains("1 master m7g.xlarge + 4 core m7g.2xlarge + 9 task m7g.2xlarge (SPOT)"), out);
    assertTrue(
        Pattern.compile("estimated cost: \\$\\d+\\.\\d\\d for about \\d+ min").matcher(out).find(),
        out);
    JsonNode req = request(out);

    assertEquals("emr-spark-8.1.0", req.path("ReleaseLabel").asText());
    assertEquals("[{\"Name\":\"Spark\"}]", req.path("Applications").toString());
    assertFalse(req.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(true));
    assertEquals(900, req.path("AutoTerminationPolicy").path("IdleTimeout").asLong());
    assertTrue(req.path("LogUri").asText().startsWith("s3://"));
    assertEquals("lakesmith-emr-service", req.path("ServiceRole").asText());
    assertEquals("lakesmith-emr-instance", req.path("JobFlowRole").asText());
    assertEquals("lakesmith-sec", req.path("SecurityConfiguration").asText());
    List<String> tags = new ArrayList<>();
    req.path("Tags")
        .forEach(t -> tags.add(t.path("Key").asText() + "=" + t.path("Value").asText()));
    assertTrue(tags.contains("lakesmith:dataset=events"), tags.toString());
    assertTrue(tags.contains("lakesmith:slice=2023-11"), tags.toString());
    assertTrue(tags.stream().anyMatch(t -> t.startsWith("lakesmith:run-id=20")), tags.toString());

    JsonNode groups = req.path("Instances").path("InstanceGroups");
    assertEquals("TASK", groups.get(2).path("InstanceRole").asText());
    assertEquals("SPOT", groups.get(2).path("Market").asText());
    assertEquals(9, groups.get(2).path("InstanceCount").asInt());
    assertEquals("ON_DEMAND", groups.get(1).path("Market").asText());

    JsonNode step = req.path("Steps").get(0);
    assertEquals("TERMINATE_CLUSTER", step.path("ActionOnFailure").asText());
    assertEquals("command-runner.jar", step.path("HadoopJarStep").path("Jar").asText());
    String args =
        String.join(
            " ", JSON.convertValue(step.path("HadoopJarStep").path("Args"), String[].class));
    assertTrue(
        Pattern.compile(
                "^spark-submit --deploy-mode cluster --class dev\\.lakesmith\\.jobs\\.CurateJob"
                    + " s3://\\S+/jars/jobs-[0-9a-f]{64}\\.jar --dataset events --run-id \\S+"
                    + " --output s3://\\S+ --input s3://\\S+/events --slice 2023-11"
                    + "( --conf lakesmith\\.emr\\.\\S+)*"
                    + " --conf lakesmith\\.emr\\.security-configuration=lakesmith-sec$")
            .matcher(args)
            .find(),
        args);

    JsonNode hive = null;
    JsonNode log = null;
    for (JsonNode c : req.path("Configurations")) {
      if (c.path("Classification").asText().equals("spark-hive-site")) {
        hive = c;
      }
      if (c.path("Classification").asText().equals("spark-log4j2")) {
        log = c;
      }
    }
    assertEquals(
        dev.lakesmith.launcher.LogFormat.LOG4J2_PATTERN,
        log.path("Properties").path("appender.console.layout.pattern").asText(),
        "the driver logs in the launcher's format");
    assertEquals(
        "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory",
        hive.path("Properties").path("hive.metastore.client.factory.class").asText());
    assertTrue(
        out.contains(
            "  1. events 2023-11 curate [TERMINATE_CLUSTER]: command-runner.jar spark-submit"),
        out);
  }

  @Test
  void anIcebergDatasetEnablesIcebergAndDefinesTheGlueCatalog() throws Exception {
    String[] r =
        run(
            "plan",
            "--dataset",
            "events",
            "--slice",
            "2023-11",
            "--input-bytes",
            "1000",
            "--conf",
            "lakesmith.datasets.events.table-format=iceberg");
    assertEquals("0", r[0], r[1] + r[2]);
    JsonNode config = configurations(request(r[1]));
    assertEquals("{\"iceberg.enabled\":\"true\"}", config.path("iceberg-defaults").toString());
    JsonNode spark = config.path("spark-defaults");
    assertEquals(
        "org.apache.iceberg.spark.SparkCatalog",
        spark.path("spark.sql.catalog.lakesmith").asText());
    assertEquals(
        "org.apache.iceberg.aws.glue.GlueCatalog",
        spark.path("spark.sql.catalog.lakesmith.catalog-impl").asText());
    assertEquals(
        "org.apache.iceberg.aws.s3.S3FileIO",
        spark.path("spark.sql.catalog.lakesmith.io-impl").asText());
    assertEquals(
        "s3://acme-lake/curated/_iceberg",
        spark.path("spark.sql.catalog.lakesmith.warehouse").asText());
    assertEquals("UTC", spark.path("spark.sql.session.timeZone").asText(), "conf's settings kept");

    String[] parquet =
        run("plan", "--dataset", "events", "--slice", "2023-11", "--input-bytes", "1000");
    JsonNode plain = configurations(request(parquet[1]));
    assertTrue(plain.path("iceberg-defaults").isMissingNode(), plain.toString());
    assertTrue(
        plain.path("spark-defaults").path("spark.sql.catalog.lakesmith").isMissingNode(),
        plain.toString());
  }

  /** Classification -> properties of a request's Configurations. */
  private static JsonNode configurations(JsonNode request) {
    com.fasterxml.jackson.databind.node.ObjectNode byClass = JSON.createObjectNode();
    request
        .path("Configurations")
        .forEach(c -> byClass.set(c.path("Classification").asText(), c.path("Properties")));
    return byClass;
  }

  @Test
  void planSizesSmallInputToOneCoreNodeAndFleetsUseSpotForTasks() throws Exception {
    String[] small =
        run("plan", "--dataset", "events", "--slice", "2023-11", "--input-bytes", "1000");
    assertTrue(small[1].contains("1 master m7g.xlarge + 1 core m7g.2xlarge + 0 task"), small[1]);
    String[] fleets =
        run(
            "plan",
            "--dataset",
            "events",
            "--from",
            "2023-01",
            "--to",
            "2023-03",
            "--input-bytes",
            String.valueOf(20L << 30),
            "--conf",
            "lakesmith.emr.instances.collection=instance-fleets",
            "--conf",
            "lakesmith.emr.sizing.max-core=1");
    assertEquals("0", fleets[0], fleets[2]);
    JsonNode req = request(fleets[1]);
    JsonNode task = req.path("Instances").path("InstanceFleets").get(2);
    assertEquals("TASK", task.path("InstanceFleetType").asText());
    assertEquals(2, task.path("TargetSpotCapacity").asInt());
    assertEquals(6, req.path("Steps").size(), "curate and register per slice");
    assertEquals("CONTINUE", req.path("Steps").get(1).path("ActionOnFailure").asText());
  }

  @Test
  void planRefusesThePlaceholderBuckets() {
    EmrHarness.Result r =
        EmrHarness.capture(
            CommandLine.defaultFactory(),
            "plan",
            "--dataset",
            "events",
            "--slice",
            "2023-11",
            "--input-bytes",
            "1g");
    assertEquals(2, r.exit(), r.all());
    assertTrue(
        r.err()
            .startsWith(
                "lakesmith: error: lakesmith.emr.input-root is still the placeholder"
                    + " 's3://CHANGE-ME-lakesmith-raw'"),
        r.err());
  }

  @Test
  void planWithoutAnS3InputRootIsAConfigError() {
    String[] r =
        run(
            "plan",
            "--dataset",
            "events",
            "--slice",
            "2023-11",
            "--input-bytes",
            "1",
            "--conf",
            "lakesmith.emr.log-uri=/tmp/logs");
    assertEquals("2", r[0]);
    assertTrue(
        r[2].startsWith("lakesmith: error: lakesmith.emr.log-uri '/tmp/logs' is not an s3:// URI"),
        r[2]);
  }

  @Test
  void planShowsTheClusterOfARollbackOrAMaintenance() throws Exception {
    String run = "20231101T000000Z-abc123";
    String iceberg = "lakesmith.datasets.events.table-format=iceberg";
    String[] rollback = run("plan", "--dataset", "events", "--rollback", run, "--conf", iceberg);
    String[] maintain = run("plan", "--dataset", "events", "--maintain", "--conf", iceberg);
    String[] parquet = run("plan", "--dataset", "events", "--maintain");

    assertEquals("0", rollback[0], rollback[1] + rollback[2]);
    assertTrue(
        rollback[1].contains("lakesmith: 1 master m7g.xlarge + 1 core m7g.2xlarge + 0 task"),
        rollback[1]);
    JsonNode steps = request(rollback[1]).path("Steps");
    assertEquals(1, steps.size(), steps.toString());
    List<String> args = new ArrayList<>();
    steps.get(0).path("HadoopJarStep").path("Args").forEach(a -> args.add(a.asText()));
    List<String> job = args.subList(args.indexOf("--class") + 3, args.size());
    assertEquals(
        List.of("--dataset", "events", "--run-id", run, "--output", "s3://acme-lake/curated"),
        job.subList(0, 6));
    assertEquals(List.of("--conf", iceberg), job.subList(job.size() - 2, job.size()));
    assertFalse(job.contains("--force"), job.toString());
    assertTrue(
        rollback[1].contains("  1. events " + run + " rollback [TERMINATE_CLUSTER]:"), rollback[1]);
    assertEquals(
        "{\"iceberg.enabled\":\"true\"}",
        configurations(request(rollback[1])).path("iceberg-defaults").toString());

    assertEquals("0", maintain[0], maintain[1] + maintain[2]);
    assertTrue(
        Pattern.compile("(?m)^  1\\. events maintain-\\S+ maintain \\[TERMINATE_CLUSTER\\]:")
            .matcher(maintain[1])
            .find(),
        maintain[1]);
    assertEquals("2", parquet[0], parquet[1] + parquet[2]);
    assertEquals(
        "lakesmith: error: dataset 'events' is a parquet table; maintain needs table-format ="
            + " iceberg (no cluster started)",
        parquet[2].strip());
  }
}
