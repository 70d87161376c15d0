package dev.lakesmith.core.config;

/**
 * What a run does with files in the slice's folders that the source path does not match: a sender
 * that renamed its files would otherwise be skipped without anyone noticing.
 */
public enum UnmatchedFiles {
  /** The run fails unpublished (bad input), naming the files. */
  FAIL,
  /** The matched files are read; the others are listed in the manifest only. */
  IGNORE
}
