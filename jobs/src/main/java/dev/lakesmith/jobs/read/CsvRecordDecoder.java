package dev.lakesmith.jobs.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * CSV with a header row, one record per row. Exports that open with {@code key,value} rows before
 * the header (patient, test date) declare those keys; their values are then readable by key from
 * every row, like a column. A row whose field count differs from the header's is quarantined.
 */
public final class CsvRecordDecoder implements RecordDecoder {
  private static final int BUFFER = 64 * 1024;
  private final char delimiter;
  private final char quote;
  private final Set<String> preambleKeys;

  public CsvRecordDecoder(char delimiter, char quote, List<String> preambleKeys) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.preambleKeys = Set.copyOf(preambleKeys);
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    CsvLineReader reader =
        new CsvLineReader(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER),
            delimiter,
            quote);
    Map<String, String> preamble = new LinkedHashMap<>();
    CsvLineReader.Line line = reader.next();
    while (line != null && (line.blank() || isPreamble(line))) {
      if (!line.blank()) {
        preamble.put(stripBom(line.fields().get(0)).trim(), line.fields().get(1).trim());
      }
      line = reader.next();
    }
    if (line == null) {
      return List.<Decoded>of(
              new Decoded.Bad(0, "CSV file " + sourceFile + " has no header row", null))
          .iterator();
    }
    Header header = Header.of(line.fields(), preamble, sourceFile);
    if (header.problem() != null) {
      return List.<Decoded>of(new Decoded.Bad(0, header.problem(), line.text())).iterator();
    }
    return new Rows(reader, header);
  }

  private boolean isPreamble(CsvLineReader.Line line) {
    List<String> fields = line.fields();
    if (fields.size() < 2 || !preambleKeys.contains(stripBom(fields.get(0)).trim())) {
      return false;
    }
    // Spreadsheet exports pad preamble rows with empty cells up to the header's width.
    return fields.subList(2, fields.size()).stream().allMatch(String::isBlank);
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Column positions by name, the preamble values, and the file they came from. */
  private record Header(
      List<String> names,
      Map<String, Integer> positions,
      Map<String, String> preamble,
      String file,
      String problem) {
    static Header of(List<String> fields, Map<String, String> preamble, String file) {
      List<String> names = new ArrayList<>();
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        String name = (i == 0 ? stripBom(fields.get(i)) : fields.get(i)).trim();
        names.add(name);
        if (positions.putIfAbsent(name, i) != null) {
          return new Header(
              names,
              positions,
              preamble,
              file,
              "header of CSV file "
                  + file
                  + " repeats column '"
                  + name
                  + "'; its rows cannot be read unambiguously");
        }
      }
      return new Header(
          List.copyOf(names), Map.copyOf(positions), Map.copyOf(preamble), file, null);
    }
  }

  private static final class Rows implements Iterator<Decoded> {
    private final CsvLineReader reader;
    private final Header header;
    private CsvLineReader.Line next;
    private long index;

    Rows(CsvLineReader reader, Header header) {
      this.reader = reader;
      this.header = header;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          CsvLineReader.Line line = reader.next();
          if (line == null) {
            return false;
          }
          if (!line.blank()) {
            next = line;
          }
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Decoded next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CsvLineReader.Line line = next;
      next = null;
      long current = index++;
      int expected = header.names().size();
      if (line.fields().size() != expected) {
        return new Decoded.Bad(
            current,
            "CSV row has "
                + line.fields().size()
                + " fields, the header has "
                + expected
                + (line.fields().size() > expected ? " (unquoted delimiter?)" : " (cut short?)"),
            line.text());
      }
      return new Decoded.Ok(current, new CsvRawRecord(header, line));
    }
  }

  private record CsvRawRecord(Header header, CsvLineReader.Line line) implements RawRecord {
    @Override
    public Object value(List<String> path) {
      if (path.size() != 1) {
        return null;
      }
      Integer position = header.positions().get(path.get(0));
      return position != null ? line.fields().get(position) : header.preamble().get(path.get(0));
    }

    @Override
    public String rawText() {
      return line.text();
    }

    @Override
    public Optional<String> whyMissing(List<String> path) {
      String name = String.join(".", path);
      if (path.size() == 1
          && (header.positions().containsKey(name) || header.preamble().containsKey(name))) {
        return Optional.empty();
      }
      return Optional.of(
          "CSV file "
              + header.file()
              + " has no column '"
              + name
              + "' in its header"
              + (header.preamble().isEmpty() ? "" : " or preamble"));
    }

    @Override
    public List<String> fieldNames() {
      return header.names();
    }
  }
}
