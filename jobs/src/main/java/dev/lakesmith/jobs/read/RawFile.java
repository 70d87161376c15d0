package dev.lakesmith.jobs.read;

import java.io.Serializable;

/**
 * A raw input file, its stored (possibly compressed) size and its modification time (on S3 the
 * object's LastModified): when it arrived.
 */
public record RawFile(String path, long bytes, long modifiedMillis) implements Serializable {}
