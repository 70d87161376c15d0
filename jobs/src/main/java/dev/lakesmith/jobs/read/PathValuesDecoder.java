package dev.lakesmith.jobs.read;

import dev.lakesmith.core.config.PathValue;
import dev.lakesmith.jobs.record.RawRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Adds values taken from each file's path ({@code _path.<name>}) to the records of any format, for
 * layouts that keep a session or sender in folder names.
 */
final class PathValuesDecoder implements RecordDecoder {
  private final RecordDecoder inner;
  private final List<PathValue> pathValues;

  PathValuesDecoder(RecordDecoder inner, List<PathValue> pathValues) {
    this.inner = inner;
    this.pathValues = List.copyOf(pathValues);
  }

  @Override
  public Records open(Configuration conf, String file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (PathValue pathValue : pathValues) {
      pathValue.extract(file).ifPresent(v -> values.put(pathValue.name(), v));
    }
    Records records = inner.open(conf, file);
    Iterator<Decoded> decoded = records.iterator();
    Iterator<Decoded> withValues =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return decoded.hasNext();
          }

          @Override
          public Decoded next() {
            Decoded next = decoded.next();
            return next instanceof Decoded.Ok ok
                ? new Decoded.Ok(ok.index(), new WithPathValues(ok.record(), values, file))
                : next;
          }
        };
    return new Records(withValues, records.resource());
  }

  private record WithPathValues(RawRecord inner, Map<String, String> values, String file)
      implements RawRecord {
    @Override
    public Object value(List<String> path) {
      if (path.size() == 2 && path.get(0).equals(PathValue.NAMESPACE)) {
        return values.get(path.get(1));
      }
      return inner.value(path);
    }

    @Override
    public String rawText() {
      return inner.rawText();
    }

    @Override
    public Optional<String> whyMissing(List<String> path) {
      if (path.size() == 2 && path.get(0).equals(PathValue.NAMESPACE)) {
        return values.containsKey(path.get(1))
            ? Optional.empty()
            : Optional.of(
                "file path " + file + " does not match path-values '" + path.get(1) + "'");
      }
      return inner.whyMissing(path);
    }

    @Override
    public List<String> fieldNames() {
      return inner.fieldNames();
    }
  }
}
