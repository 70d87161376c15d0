package dev.lakesmith.jobs.read;

import java.io.Serializable;

/** A raw file as a read task sees it: its id (place in the path-sorted listing) and its path. */
public record SourceFile(int id, String path) implements Serializable {}
