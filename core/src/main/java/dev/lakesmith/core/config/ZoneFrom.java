package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Naive timestamps whose zone depends on another column of the same record, e.g. the hospital that
 * exported them: {@code zone-from { column = hospital, zones { st_marys = "Asia/Kolkata" } }}.
 *
 * @param column the declared column whose value selects the zone
 * @param zones zone per value of that column
 * @param fallback zone for values not listed; null means such records are quarantined
 */
public record ZoneFrom(String column, Map<String, ZoneId> zones, ZoneId fallback)
    implements Serializable {
  public ZoneFrom {
    if (column == null || column.isBlank()) {
      throw JobFailure.config("zone-from needs `column`, e.g. zone-from { column = hospital }");
    }
    zones = Map.copyOf(zones);
    if (zones.isEmpty() && fallback == null) {
      throw JobFailure.config(
          "zone-from on column '" + column + "' lists no zones; add zones { <value> = \"UTC\" }");
    }
  }

  public Optional<ZoneId> zoneFor(String value) {
    return Optional.ofNullable(value == null ? null : zones.get(value))
        .or(() -> Optional.ofNullable(fallback));
  }
}
