package dev.lakesmith.jobs.read;

import java.io.Serializable;

/** A raw input file and its stored (possibly compressed) size. */
public record RawFile(String path, long bytes) implements Serializable {}
