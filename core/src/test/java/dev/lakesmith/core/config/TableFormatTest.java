package dev.lakesmith.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code table-format}: parquet by default, iceberg on request, anything else one clear line. */
class TableFormatTest {
  @Test
  void parquetByDefaultIcebergOnRequest() {
    assertEquals(
        TableFormat.PARQUET,
        ConfigLoader.load(List.of(), List.of()).dataset("events").tableFormat());
    assertEquals(
        TableFormat.ICEBERG,
        ConfigLoader.load(List.of(), List.of("lakesmith.datasets.events.table-format=Iceberg"))
            .dataset("events")
            .tableFormat());
  }

  @Test
  void anUnknownFormatIsAConfigError() {
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () ->
                ConfigLoader.load(
                        List.of(), List.of("lakesmith.datasets.events.table-format=delta"))
                    .dataset("events"));
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode());
    assertTrue(
        failure
            .getMessage()
            .contains(
                "lakesmith.datasets.events.table-format 'delta' is not one of [parquet, iceberg]"),
        failure.getMessage());
  }
}
