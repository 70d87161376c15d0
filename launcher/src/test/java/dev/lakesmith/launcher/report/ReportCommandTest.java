package dev.lakesmith.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakesmith report}: the HTML page of a dataset, from manifests shaped like the sample
 * events' (a few DST test records months before the bulk), checked as a browser loads it.
 */
class ReportCommandTest {
  private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";
  @TempDir static Path output;
  private static Path page;
  private static CommandOutput report;

  @BeforeAll
  static void render() throws Exception {
    // the older run counted 100 rows on 2023-10-30; the newer run rewrote that partition: 7 rows
    TestManifests.write(
        output,
        TestManifests.run(
            "20231101T000000Z-aaaaaa",
            RunManifest.SUCCEEDED,
            "2023-10",
            "2023-11-01T00:00:00Z",
            "2023-11-01T00:00:10Z",
            new Counts(100, 0, 0, 100, 0),
            List.of(TestManifests.partition("page_viewed", "2023-10-30", 100)),
            gaps(group("page_viewed", Map.of("2023-10-30", 100L))),
            List.of(),
            null));
    Map<String, Long> viewed = new LinkedHashMap<>();
    viewed.put("2023-03-12", 3L);
    for (int day = 30; day <= 38; day++) {
      String date = day <= 31 ? "2023-10-" + day : String.format("2023-11-%02d", day - 31);
      if (!date.equals("2023-11-02")) {
        viewed.put(date, day == 30 ? 7L : 10L * (day - 29));
      }
    }
    TestManifests.write(
        output,
        TestManifests.run(
            "20231108T000000Z-bbbbbb",
            RunManifest.SUCCEEDED,
            "2023-11",
            "2023-11-08T00:00:00Z",
            "2023-11-08T00:00:30Z",
            new Counts(400, 2, 1, 397, 7),
            List.of(TestManifests.partition("page_viewed", "2023-10-30", 7)),
            gaps(
                group("page_viewed", viewed),
                group(
                    "account_created",
                    Map.of("2023-10-30", 2L, "2023-10-31", 4L, "2023-11-01", 1L))),
            List.of(
                new RunManifest.ReasonCount(
                    "not a JSON object", 1, "not a JSON object: " + HOSTILE),
                new RunManifest.ReasonCount("truncated record", 1, "truncated record")),
            null));
    page = output.resolve("report/events.html");
    report =
        CommandOutput.of(
            "report",
            "--dataset",
            "events",
            "--output",
            output.toString(),
            "--html",
            page.toString());
  }

  private static Gaps gaps(Gaps.Group... groups) {
    return new Gaps("day", List.of("name"), groups.length, 0, List.of(groups));
  }

  /** Only rows per day matter to the report; it splits and counts gaps itself. */
  private static Gaps.Group group(String name, Map<String, Long> rowsPerDay) {
    return new Gaps.Group(Map.of("name", name), "", "", 0, List.of(), rowsPerDay, List.of());
  }

  @Test
  void writesOneSelfContainedEscapedPage() throws Exception {
    assertEquals(0, report.exit(), report.err());
    assertEquals(
        "lakesmith: report of events (2 runs) -> " + page.toAbsolutePath() + "\n", report.out());
    String html = Files.readString(page);
    assertFalse(html.contains("<script"), "manifest text must be escaped");
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    for (String external : List.of("src=", "href=", "url(", "@import", "http://", "https://")) {
      assertFalse(html.contains(external), "no external resource: " + external);
    }
  }

  @Test
  void aBrowserShowsBarsPerDayMissingAndOutlierDaysReasonsAndRuns() throws Exception {
    Chromium chromium = Chromium.required();
    chromium.screenshot(page, Path.of("target/report-test.png"));
    assertTrue(Files.size(Path.of("target/report-test.png")) > 10_000);

    String dom = chromium.dumpDom(page);
    // page_viewed: 2023-10-30..11-07 is 9 days, 11-02 missing, 03-12 an outlier; account_created 3
    assertEquals(8 + 3, count(dom, "<rect class=\"bar\""));
    assertEquals(1, count(dom, "<rect class=\"missing\""));
    assertEquals(1, count(dom, "class=\"chip outlier\""));
    assertTrue(dom.contains("2023-03-12: 3 rows"));
    assertTrue(dom.contains("<title>2023-10-30: 7 rows</title>"), "the newer run's count wins");
    assertTrue(dom.contains("<title>2023-11-02: missing</title>"));
    assertTrue(dom.contains("<span class=\"chip gap\">2023-11-02</span>"));
    assertEquals(2, count(dom, "<tr class=\"reason\">"));
    assertEquals(2, count(dom, "<tr class=\"run\">"));
    assertEquals(0, count(dom, "<script"));
    assertTrue(dom.contains("not a JSON object: &lt;script&gt;alert('x')&lt;/script&gt;"));
  }

  @Test
  void aLargerOutlierGapTurnsTheOutlierDayIntoTheRangeAndItsGapIntoMissingDays() throws Exception {
    Path wide = output.resolve("report/wide.html");
    CommandOutput r =
        CommandOutput.of(
            "report",
            "--dataset",
            "events",
            "--output",
            output.toString(),
            "--html",
            wide.toString(),
            "--outlier-gap-days",
            "300");

    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(wide);
    // 2023-03-13..2023-10-29 (231 days) and 2023-11-02
    assertEquals(232, count(html, "<rect class=\"missing\""));
    assertEquals(0, count(html, "class=\"chip outlier\""));
    assertTrue(html.contains("2023-03-12 to 2023-11-07"));
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
