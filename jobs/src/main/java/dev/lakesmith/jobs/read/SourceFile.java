package dev.lakesmith.jobs.read;

import java.io.Serializable;

/**
 * A raw file as the read tasks see it: its id (place in the listing in ingest order), path and
 * stored size.
 */
public record SourceFile(int id, String path, long bytes) implements Serializable {}
