package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.record.RawRecord;
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
 * the header (patient, test date) declare the keys they expect; then every leading {@code
 * key,value} row is preamble, declared or not (a hospital adding {@code Ward,ICU-3} must not turn
 * it into the header), and its value is readable by key from every row, like a column.
 *
 * <p>Spreadsheets pad rows with empty cells: header cells left empty name no column and are ignored
 * while the rows' cells under them are empty. Anything else that does not fit the header (a row too
 * wide or too short, a value under an empty header cell, a header repeating a name) quarantines the
 * rows concerned, each counted on its own.
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
    return new Rows(reader, header);
  }

  /** A {@code key,value} row (any further cells empty) of a source that declares preambles. */
  private boolean isPreamble(CsvLineReader.Line line) {
    List<String> fields = line.fields();
    return !preambleKeys.isEmpty()
        && fields.size() >= 2
        && !stripBom(fields.get(0)).isBlank()
        && fields.subList(2, fields.size()).stream().allMatch(String::isBlank);
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Column positions by name (empty header cells name none), the header's width, the preamble
   * values, and the file they came from; {@code problem} makes every row a quarantine row.
   */
  private record Header(
      List<String> names,
      Map<String, Integer> positions,
      boolean[] named,
      Map<String, String> preamble,
      String file,
      String problem) {
    static Header of(List<String> fields, Map<String, String> preamble, String file) {
      List<String> names = new ArrayList<>();
      Map<String, Integer> positions = new HashMap<>();
      boolean[] named = new boolean[fields.size()];
      String problem = null;
      for (int i = 0; i < fields.size(); i++) {
        String name = (i == 0 ? stripBom(fields.get(i)) : fields.get(i)).trim();
        if (name.isEmpty()) {
          continue;
        }
        names.add(name);
        named[i] = true;
        if (positions.putIfAbsent(name, i) != null && problem == null) {
          problem =
              "header of CSV file "
                  + file
                  + " repeats column '"
                  + name
                  + "'; its rows cannot be read unambiguously";
        }
      }
      return new Header(
          List.copyOf(names), Map.copyOf(positions), named, Map.copyOf(preamble), file, problem);
    }

    /** Why a row does not fit this header, or null when it does. */
    String misfit(List<String> fields) {
      if (problem != null) {
        return problem;
      }
      int width = named.length;
      if (fields.size() > width) {
        return "CSV row has "
            + fields.size()
            + " fields, the header has "
            + width
            + " (unquoted delimiter?)";
      }
      if (fields.size() == width && names.size() == width) {
        return null;
      }
      for (int i = 0; i < width; i++) {
        if (i >= fields.size()) {
          if (named[i]) {
            return "CSV row has "
                + fields.size()
                + " fields, the header has "
                + width
                + " (cut short?)";
          }
        } else if (!named[i] && !fields.get(i).isBlank()) {
          return "CSV row has value '"
              + fields.get(i)
              + "' in field "
              + (i + 1)
              + ", whose header cell is empty";
        }
      }
      return null;
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
      String misfit = header.misfit(line.fields());
      if (misfit != null) {
        return new Decoded.Bad(current, misfit, line.text());
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
      if (position == null) {
        return header.preamble().get(path.get(0));
      }
      return position < line.fields().size() ? line.fields().get(position) : null;
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
