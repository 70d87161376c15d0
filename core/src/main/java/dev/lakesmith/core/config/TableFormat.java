package dev.lakesmith.core.config;

/**
 * How a dataset's curated table is stored: Hive-style Parquet directories published by file moves,
 * or an Iceberg table that changes by one atomic snapshot per run.
 */
public enum TableFormat {
  /** Hive-style Parquet under {@code <output>/<dataset>/}, registered as an external table. */
  PARQUET,
  /** An Iceberg table in the run's Iceberg catalog; one snapshot per run, rollback by run id. */
  ICEBERG
}
