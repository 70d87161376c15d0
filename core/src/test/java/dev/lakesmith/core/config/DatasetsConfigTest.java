package dev.lakesmith.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three file-format datasets are declared in conf only, and conf mistakes are one line. */
class DatasetsConfigTest {
  private static DatasetConfig dataset(String name, String... overrides) {
    return ConfigLoader.load(List.of(), List.of(overrides)).dataset(name);
  }

  @Test
  void hospitalResultsDeclaresPreambleZonesPerHospitalAndAWideResultMap() {
    DatasetConfig hospital = dataset("hospital_results");
    assertEquals("csv", hospital.source().format());
    assertEquals(java.util.Map.of("avro", "avro"), hospital.source().formatByExtension());
    assertEquals(
        List.of("PatientID", "PatientBirthDate", "TestDate", "TestTime", "ReportedAt"),
        hospital.source().preambleKeys());
    ColumnSpec started = hospital.column("test_started_at");
    assertEquals(List.of(List.of("TestTime")), started.joined());
    assertEquals(Optional.of(ZoneId.of("Asia/Kolkata")), started.zoneFrom().zoneFor("st_marys"));
    assertEquals(Optional.empty(), started.zoneFrom().zoneFor("unknown"));
    assertEquals(ColumnType.DOUBLE_MAP, hospital.column("results").type());
    assertEquals(List.of("reported_at"), hospital.dedupe().preferMax());
    assertEquals(
        Optional.of("hospital"),
        hospital
            .source()
            .pathValues()
            .get(0)
            .extract("s3://b/hospital_results/exports/x/2019-08/a.csv")
            .map(v -> v.equals("x") ? "hospital" : v));
  }

  @Test
  void heartRateSessionComesFromTheFolderPath() {
    DatasetConfig heart = dataset("heart_rate");
    PathValue session = heart.source().pathValues().get(0);
    assertEquals(
        Optional.of("2025-07-16_00-10-00"),
        session.extract("file:/in/heart_rate_data/2025/07/16/session_00-10-00/part-0.parquet"));
    assertEquals(
        Optional.empty(), session.extract("file:/in/heart_rate_data/2025/07/16/x.parquet"));
  }

  @Test
  void healthMetricsExplodesNestedDocuments() {
    DatasetConfig health = dataset("health_metrics");
    assertEquals(Optional.of("data.metrics[].data[]"), health.source().recordsPath());
    assertEquals(List.of("^", "name"), health.column("metric").path());
    assertEquals(DedupeSpec.Keep.LATEST_INGESTED, health.dedupe().keep());
  }

  @Test
  void unknownPerHospitalZoneIsOneClearLine() {
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () ->
                dataset(
                    "hospital_results",
                    "lakesmith.datasets.hospital_results.zone-from.zones.st_marys=IST"));
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode());
    assertTrue(
        failure.getMessage().contains("zone-from.zones.st_marys 'IST' is not a region id"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("hospital_results"), failure.getMessage());
  }

  @Test
  void badSourceOptionsAreOneClearLine() {
    assertTrue(
        assertThrows(
                JobFailure.class,
                () ->
                    dataset(
                        "heart_rate",
                        "lakesmith.datasets.heart_rate.source.path-values.session.template=$1_$9"))
            .getMessage()
            .contains("uses $9 but regex"));
    assertTrue(
        assertThrows(
                JobFailure.class,
                () ->
                    dataset(
                        "hospital_results",
                        "lakesmith.datasets.hospital_results.source.format-by-extension.avro=orc"))
            .getMessage()
            .contains("format-by-extension 'avro' 'orc' is not supported"));
  }

  @Test
  void opaqueColumnsCannotNamePartitions() {
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () -> dataset("events", "lakesmith.datasets.events.partition-by=[payload_md5, d]"));
    assertTrue(
        failure.getMessage().contains("partition column 'payload_md5' is opaque"),
        failure.getMessage());
  }

  private static String failure(String dataset, String override) {
    return assertThrows(JobFailure.class, () -> dataset(dataset, override)).getMessage();
  }

  @Test
  void unmatchedFilesAndTextColumnsAreCheckedAtLoad() {
    assertEquals(UnmatchedFiles.FAIL, dataset("heart_rate").unmatchedFiles());
    assertEquals(
        UnmatchedFiles.IGNORE,
        dataset("heart_rate", "lakesmith.datasets.heart_rate.unmatched-files=ignore")
            .unmatchedFiles());
    assertEquals(
        "lakesmith.datasets.heart_rate.unmatched-files 'maybe' is not one of [fail, ignore]",
        failure("heart_rate", "lakesmith.datasets.heart_rate.unmatched-files=maybe"));
    assertEquals("results_text", dataset("hospital_results").column("results").textColumn());
    assertEquals(
        "dataset 'events': string-map column 'extra' is filled by no double-map;"
            + " set text-column = extra on one",
        failure(
            "events",
            "lakesmith.datasets.events.columns=[{name=name}, {name=payload_md5},"
                + " {name=tstamp, type=timestamp, formats=[\"uuuu-MM-dd HH:mm:ss\"]},"
                + " {name=extra, type=string-map}]"));
    assertEquals(
        "lakesmith.datasets.hospital_results.columns: column 'hospital': `text-column` applies to"
            + " double-map columns only; remove it",
        failure(
            "hospital_results",
            "lakesmith.datasets.hospital_results.columns=[{name=hospital, path=_path.hospital,"
                + " text-column=x}]"));
  }
}
