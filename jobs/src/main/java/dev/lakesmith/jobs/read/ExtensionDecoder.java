package dev.lakesmith.jobs.read;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Picks a decoder by file extension (ignoring a trailing {@code .gz}), for sources where one sender
 * delivers another format into the same layout; other files use the source's format.
 */
final class ExtensionDecoder implements RecordDecoder {
  private final Map<String, RecordDecoder> byExtension;
  private final RecordDecoder fallback;

  ExtensionDecoder(Map<String, RecordDecoder> byExtension, RecordDecoder fallback) {
    this.byExtension = Map.copyOf(byExtension);
    this.fallback = fallback;
  }

  @Override
  public Records open(Configuration conf, String file) throws IOException {
    return byExtension.getOrDefault(extension(file), fallback).open(conf, file);
  }

  static String extension(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
