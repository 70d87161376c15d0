package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.steps.LocalSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's own blocks are checked whenever it loads configuration, with exact messages. */
class LauncherConfigTest {
  @Test
  void theShippedLauncherBlocksLoad() {
    EmrSettings emr = EmrSettings.from(LauncherConfig.load(List.of(), List.of()).source());
    assertEquals("SPOT", emr.instances().task().market());
    assertEquals("ON_DEMAND", emr.instances().master().market());
    assertEquals(
        "0.4",
        LocalSettings.from(LauncherConfig.load(List.of(), List.of()).source())
            .sparkConf()
            .get("spark.memory.fraction"));
  }

  @Test
  void launcherMistakesAreOneLineAtLoad() {
    assertEquals(
        "lakesmith.emr.instances.collection 'groups' is not one of [instance-groups,"
            + " instance-fleets]",
        failure("lakesmith.emr.instances.collection=groups"));
    assertEquals(
        "lakesmith.emr.instances.task.market 'cheap' is not one of [on-demand, spot]",
        failure("lakesmith.emr.instances.task.market=cheap"));
    assertEquals(
        "lakesmith.emr.trigger.slice 'week' is not one of [month, day]",
        failure("lakesmith.emr.trigger.slice=week"));
    assertEquals(
        "lakesmith.emr.trigger.datasets names 'event', which is not a configured dataset;"
            + " configured: [events, health_metrics, heart_rate, hospital_results]",
        failure("lakesmith.emr.trigger.datasets=[event]"));
    assertEquals(
        "lakesmith.local.driver-memory 'lots' is not a JVM heap size; use e.g. 4g",
        failure("lakesmith.local.driver-memory=lots"));
    assertEquals(
        "lakesmith.local.spark-conf key 'memory.fraction' is not a Spark setting; keys start with"
            + " spark., e.g. \"spark.memory.fraction\" = 0.5",
        failure("lakesmith.local.spark-conf.\"memory.fraction\"=0.5"));
    assertEquals(
        "--conf key 'lakesmith.local.mastr' is not a configuration key; did you mean 'master'?",
        failure("lakesmith.local.mastr=local[4]"));
  }

  private static String failure(String override) {
    JobFailure failure =
        assertThrows(JobFailure.class, () -> LauncherConfig.load(List.of(), List.of(override)));
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode());
    return failure.getMessage();
  }
}
