-- Per-partition rows and distinct keys of a curated events table, then how many injected DST
-- records sit at the instant java.time gives them. The ${...} placeholders are
-- filled in by DuckDbEvents.
WITH curated AS (
  SELECT * FROM read_parquet('${table}/*/*/*.parquet', hive_partitioning = true,
                             hive_types_autocast = false)
), dst AS (
  SELECT unnest(dst_records, recursive := true) FROM read_json('${truth}')
)
SELECT 'name=' || name || '/d=' || d AS partition, count(*) AS rows,
       count(DISTINCT (name, tstamp, payload_md5)) AS keys
FROM curated GROUP BY 1
UNION ALL
SELECT '_dst', (SELECT count(*) FROM dst),
       (SELECT count(*) FROM dst JOIN curated c
          ON c.name = dst.name AND c.payload_md5 = dst.payload_md5
         AND c.tstamp = CAST(dst.instant AS TIMESTAMPTZ))
ORDER BY 1;
