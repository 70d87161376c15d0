package dev.lakesmith.jobs.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Turns one raw file's decompressed bytes into records, lazily, so a large file never has to fit in
 * memory. An {@link java.io.UncheckedIOException} from the iterator means the file broke off.
 */
public interface RecordDecoder extends Serializable {
  Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException;
}
