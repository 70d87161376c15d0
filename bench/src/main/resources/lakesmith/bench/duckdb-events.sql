-- DuckDB doing the curate job's work on an events corpus, for the bench's `benchmark` command.
-- The ${...} placeholders are filled in by DuckDbEvents.
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
-- below reproduces java.time: a gap (the wall time does not round-trip) uses the offset 3 h before;
-- otherwise, when the offset from 3 h before also round-trips, the earlier instant wins.
COPY (
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
  SELECT name, tstamp, payload, payload_md5, _source_file,
         strftime(timezone('UTC', tstamp), '%Y-%m-%d') AS d
  FROM timed
  -- valid-from / valid-until-ahead of conf/datasets/events.conf. Written as two different kinds of
  -- comparison on purpose: `BETWEEN` (or >= with <=) on this CASE column hits an internal DuckDB
  -- 1.5.6 error ("Failed to cast expression to type").
  WHERE tstamp <= TIMESTAMPTZ '${valid_until}'
    AND epoch_us(tstamp) >= epoch_us(TIMESTAMPTZ '1990-01-01 00:00:00+00')
  QUALIFY row_number() OVER (PARTITION BY name, tstamp, payload_md5 ORDER BY _source_file) = 1
) TO '${out}' (FORMAT parquet, PARTITION_BY (name, d), COMPRESSION snappy);
