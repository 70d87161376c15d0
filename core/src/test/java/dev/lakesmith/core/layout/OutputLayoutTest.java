package dev.lakesmith.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputLayoutTest {
  @Test
  void everyPathHangsBelowTheTrimmedOutputRoot() {
    assertEquals("s3://b/out/_runs/events", OutputLayout.runsDir("s3://b/out/", "events"));
    assertEquals("/o/_runs/events/r1.json", OutputLayout.manifest("/o", "events", "r1"));
    assertEquals("/o/_leases/events.json", OutputLayout.lease("/o/", "events"));
    assertEquals("/o/_staging/events", OutputLayout.stagingRoot("/o", "events"));
    assertEquals("/o/_quarantine/events/run_id=r1", OutputLayout.quarantine("/o", "events", "r1"));
    assertEquals("/o/_iceberg", OutputLayout.icebergWarehouse("/o/"));
    assertEquals(LeaseRecord.path("/o", "events"), OutputLayout.lease("/o", "events"));
  }

  @Test
  void onlyVisibleJsonFilesAreManifests() {
    assertTrue(OutputLayout.isManifestName("20240101T000000Z-abcdef.json"));
    assertFalse(OutputLayout.isManifestName(".20240101T000000Z-abcdef.json.tmp"));
    assertFalse(OutputLayout.isManifestName("._x.json"));
    assertFalse(OutputLayout.isManifestName("_x.json"));
    assertFalse(OutputLayout.isManifestName("logs"));
    assertFalse(OutputLayout.isManifestName("logs/a.json"));
    assertEquals("r1", OutputLayout.runIdOf("r1.json"));
  }

  @Test
  void runIdsSortByStartAndDifferWithinOneSecond() {
    Instant t = Instant.parse("2024-01-02T03:04:05.678Z");
    String a = RunIds.next(t);
    assertTrue(a.matches("20240102T030405Z-[0-9a-f]{6}"), a);
    assertTrue(RunIds.next(t.plusSeconds(1)).compareTo(a) > 0);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      ids.add(RunIds.next(t));
    }
    assertTrue(ids.size() > 45, "ids of one second should differ: " + ids.size());
  }
}
