-- DuckDB doing the curate job's work on an events corpus, for the bench's `benchmark` command.
-- The ${...} placeholders are filled in by DuckDbEvents, which runs the statements one by one
-- (they end with a semicolon at the end of a line) in a database file of the run's output folder.
--
-- Three statements rather than one COPY with `QUALIFY row_number() OVER (PARTITION BY key ...)`:
-- the window holds every row with its payload and ran out of memory at 3M sessions (22M records)
-- on a 24 GB machine, at the default limit (18.8 GB) and at 12 GB, also with a lower
-- partitioned_write_flush_threshold; an aggregate form (arg_min(payload, ...) GROUP BY key)
-- outgrew its limit until the kernel killed it. Parsed records go to a table (spillable storage),
-- the winners are found from the key columns and a row id only, and a semi-join writes them. At
-- 1M sessions this form was also faster (60.3 s against 63.5 s, 4.4 GB against 10.9 GB peak RSS).
--
-- DuckDB's JSON reader cannot read Firehose files and skip malformed records (checked on the
-- bench's corpora): format 'auto' or 'unstructured' refuses ignore_errors ("Parse errors cannot be
-- ignored for JSON formats other than 'newline_delimited'") and aborts at the first malformed
-- record; 'newline_delimited' with ignore_errors turns a concatenated {..}{..} file into one row
-- of NULLs, and a record truncated after a ':' swallows the valid line that follows it (a newline
-- is whitespace to the parser, so the next record is read as the missing value). So every file is
-- read as text lines, split at "}{" (never inside a record of this corpus: the payload string is
-- escaped JSON), and each record parsed once; a malformed one fails to parse or to convert and is
-- dropped. The line and buffer sizes fit the largest file (a concatenated file is one line).
--
-- Time: timezone(zone, naive) uses ICU, which takes the *later* offset in a DST overlap; java.time
-- (and the curate job) take the earlier one. Both agree on gaps (forward by the gap). The CASE
-- below reproduces java.time: a gap (the wall time does not round-trip) uses the offset 3 h before,
-- otherwise, when the offset from 3 h before also round-trips, the earlier instant wins.
CREATE TABLE records AS
  WITH lines AS (
    SELECT filename AS _source_file, line
    FROM read_csv('${glob}', columns = {'line': 'VARCHAR'}, header = false, delim = chr(1),
                  quote = '', escape = '', auto_detect = false, compression = 'gzip',
                  max_line_size = ${max_line}, buffer_size = ${buffer}, filename = true,
                  strict_mode = false, hive_partitioning = false)
  ), records AS (
    SELECT _source_file, line AS raw FROM lines WHERE NOT contains(line, '}{')
    UNION ALL
    SELECT _source_file,
           unnest(string_split(replace(line, '}{', '}' || chr(10) || '{'), chr(10))) AS raw
    FROM lines WHERE contains(line, '}{')
  ), objects AS (
    SELECT _source_file,
           try(json_transform(raw, '{"name": "VARCHAR", "tstamp": "VARCHAR", "payload": "VARCHAR",
                                     "payload_md5": "VARCHAR"}')) AS o
    FROM records
    WHERE left(raw, 1) = '{'
  ), parsed AS (
    SELECT _source_file, o.name AS name,
           try_strptime(o.tstamp, ['%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S']) AS local_ts,
           o.payload AS payload, o.payload_md5 AS payload_md5
    FROM objects
    WHERE o IS NOT NULL
  ), icu AS (
    SELECT *, timezone('${zone}', local_ts) AS t_icu
    FROM parsed
    WHERE name <> '' AND local_ts IS NOT NULL AND payload <> '' AND payload_md5 <> ''
  ), earlier AS (
    SELECT *,
           timezone('UTC', local_ts - (timezone('${zone}', t_icu - INTERVAL 3 HOUR)
                                       - timezone('UTC', t_icu - INTERVAL 3 HOUR))) AS t_before
    FROM icu
  ), timed AS (
    SELECT name,
           CASE WHEN timezone('${zone}', t_icu) <> local_ts THEN t_before
                WHEN timezone('${zone}', t_before) = local_ts THEN least(t_before, t_icu)
                ELSE t_icu END AS tstamp,
           payload, payload_md5, _source_file
    FROM earlier
  )
  SELECT name, tstamp, payload, payload_md5, _source_file
  FROM timed
  -- valid-from / valid-until-ahead of conf/datasets/events.conf. Written as two different kinds of
  -- comparison on purpose: `BETWEEN` (or >= with <=) on this CASE column hits an internal DuckDB
  -- 1.5.6 error ("Failed to cast expression to type").
  WHERE tstamp <= TIMESTAMPTZ '${valid_until}'
    AND epoch_us(tstamp) >= epoch_us(TIMESTAMPTZ '1990-01-01 00:00:00+00');

-- One row per key: the one from the first file in path order (the curate job's rule).
CREATE TABLE winners AS
  SELECT arg_min(rowid, _source_file) AS id FROM records GROUP BY name, tstamp, payload_md5;

COPY (
  SELECT r.name, r.tstamp, r.payload, r.payload_md5, r._source_file,
         strftime(timezone('UTC', r.tstamp), '%Y-%m-%d') AS d
  FROM records r SEMI JOIN winners w ON r.rowid = w.id
) TO '${out}' (FORMAT parquet, PARTITION_BY (name, d), COMPRESSION snappy);
