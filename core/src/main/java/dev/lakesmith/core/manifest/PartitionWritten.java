package dev.lakesmith.core.manifest;

import java.util.Map;

/** One partition the run replaced: its values, final row count, new rows, files and bytes. */
public record PartitionWritten(
    Map<String, String> values, String path, long rows, long newRows, long files, long bytes) {}
