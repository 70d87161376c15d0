package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.record.RawRecord;
import dev.lakesmith.jobs.validate.QuarantineReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
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
 * it into the header), and its value is readable by key from every row, like a column. The header
 * is the first row with a third non-empty cell; a file without one has a header naming two columns
 * ({@code Clock,Glu ch1,,}), which is then its first undeclared row naming a column the dataset
 * reads, else its first row whose key is not declared. A row with a third cell that names no such
 * column while an undeclared row before it does is a record too wide for that two-column header,
 * not the header: taking it for one would turn every record above it into preamble.
 *
 * <p>Spreadsheets pad rows with empty cells: header cells left empty name no column and are ignored
 * while the rows' cells under them are empty. Anything else that does not fit the header (a row too
 * wide or too short, a value under an empty header cell, a header repeating a name) quarantines the
 * rows concerned, each counted on its own. So does a record the parser cannot read (a quote left
 * open, a field over {@code lakesmith.read.max-csv-field-chars}): its first line is quarantined,
 * naming the line, and reading resumes on the next one ({@link CsvRecordReader}).
 *
 * <p>Files are read in the source's {@code encoding} (UTF-8 unless set). Bytes that are no text in
 * it become U+FFFD while decoding; a row holding one is quarantined instead of curated with the
 * character lost (two patient ids differing only there would become one key), and a header or
 * preamble holding one quarantines every row of its file.
 */
public final class CsvRecordDecoder implements RecordDecoder {
  private final char delimiter;
  private final char quote;
  private static final char UNDECODABLE = '\uFFFD';

  /** Rows held while looking for a header that names only two columns (see the class comment). */
  private static final int MAX_KEY_VALUE_ROWS = 10_000;

  private final Set<String> preambleKeys;
  private final Set<String> columnNames;
  private final String encoding;
  private final int maxFieldChars;

  /**
   * @param columnNames the fields the dataset's columns read (header or preamble names)
   * @param encoding the files' character encoding, a name {@link Charset#forName} knows
   * @param maxFieldChars the longest field; a longer one quarantines its record
   */
  public CsvRecordDecoder(
      char delimiter,
      char quote,
      List<String> preambleKeys,
      Collection<String> columnNames,
      String encoding,
      int maxFieldChars) {
    if (maxFieldChars < 1) {
      throw new IllegalArgumentException(
          "the longest CSV field must be at least 1 character, not " + maxFieldChars);
    }
    this.delimiter = delimiter;
    this.quote = quote;
    this.preambleKeys = Set.copyOf(preambleKeys);
    this.columnNames = Set.copyOf(columnNames);
    this.encoding = Charset.forName(encoding).name();
    this.maxFieldChars = maxFieldChars;
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    CsvRecordReader reader =
        new CsvRecordReader(
            new InputStreamReader(in, Charset.forName(encoding)), delimiter, quote, maxFieldChars);
    List<CsvRecordReader.Line> keyValueRows = new ArrayList<>();
    CsvRecordReader.Line line = reader.next();
    while (line != null
        && (line.blank() || isPreamble(line))
        && keyValueRows.size() < MAX_KEY_VALUE_ROWS) {
      if (!line.blank()) {
        keyValueRows.add(line);
      }
      line = reader.next();
    }
    Deque<CsvRecordReader.Line> rowsRead = new ArrayDeque<>();
    int naming = firstUndeclared(keyValueRows, true);
    if (line == null
        || keyValueRows.size() == MAX_KEY_VALUE_ROWS
        || (naming >= 0 && !namesAColumn(line))) {
      // The header names two columns, so it is the first undeclared row naming a column (else the
      // first whose key is no declared preamble key), and the rows after it are records.
      int at = naming >= 0 ? naming : firstUndeclared(keyValueRows, false);
      if (at < 0) {
        return List.<Decoded>of(
                new Decoded.Bad(0, "CSV file " + sourceFile + " has no header row", null))
            .iterator();
      }
      rowsRead.addAll(keyValueRows.subList(at + 1, keyValueRows.size()));
      if (line != null) {
        rowsRead.add(line);
      }
      line = keyValueRows.get(at);
      keyValueRows = keyValueRows.subList(0, at);
    }
    Map<String, String> preamble = new LinkedHashMap<>();
    for (CsvRecordReader.Line row : keyValueRows) {
      preamble.put(row.fields().get(0).trim(), row.fields().get(1).trim());
    }
    Header header =
        line.problem() == null
            ? Header.of(line.fields(), preamble, sourceFile, encoding)
            : Header.unreadable(line, preamble, sourceFile);
    return new Rows(reader, rowsRead, header, encoding);
  }

  /** The first row whose key is not a declared preamble key (and that names a column if asked). */
  private int firstUndeclared(List<CsvRecordReader.Line> keyValueRows, boolean namingAColumn) {
    for (int i = 0; i < keyValueRows.size(); i++) {
      CsvRecordReader.Line row = keyValueRows.get(i);
      if (!preambleKeys.contains(row.fields().get(0).trim())
          && (!namingAColumn || namesAColumn(row))) {
        return i;
      }
    }
    return -1;
  }

  private boolean namesAColumn(CsvRecordReader.Line row) {
    return row.fields().stream().anyMatch(cell -> columnNames.contains(cell.trim()));
  }

  /** A {@code key,value} row (any further cells empty) of a source that declares preambles. */
  private boolean isPreamble(CsvRecordReader.Line line) {
    List<String> fields = line.fields();
    return line.problem() == null
        && !preambleKeys.isEmpty()
        && fields.size() >= 2
        && !fields.get(0).isBlank()
        && fields.subList(2, fields.size()).stream().allMatch(String::isBlank);
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
    static Header of(
        List<String> fields, Map<String, String> preamble, String file, String encoding) {
      List<String> names = new ArrayList<>();
      Map<String, Integer> positions = new HashMap<>();
      boolean[] named = new boolean[fields.size()];
      String problem = null;
      if (undecodable(fields) || undecodable(preamble.keySet()) || undecodable(preamble.values())) {
        problem = notText("CSV header or preamble", "in " + file, encoding);
      }
      for (int i = 0; i < fields.size(); i++) {
        String name = fields.get(i).trim();
        if (name.isEmpty()) {
          continue;
        }
        names.add(name);
        named[i] = true;
        if (positions.putIfAbsent(name, i) != null && problem == null) {
          problem =
              new QuarantineReason(
                      "CSV header repeats a column",
                      QuarantineReason.quote(name)
                          + " in "
                          + file
                          + "; its rows cannot be read unambiguously")
                  .text();
        }
      }
      return new Header(
          List.copyOf(names), Map.copyOf(positions), named, Map.copyOf(preamble), file, problem);
    }

    /** A header the parser could not read: every row of its file is quarantined. */
    static Header unreadable(CsvRecordReader.Line line, Map<String, String> preamble, String file) {
      String problem =
          new QuarantineReason(
                  "CSV header unreadable",
                  "line " + line.number() + " of " + file + " (" + line.problem() + ")")
              .text();
      return new Header(List.of(), Map.of(), new boolean[0], Map.copyOf(preamble), file, problem);
    }

    /** Why the row on {@code line} does not fit this header, or null when it does. */
    String misfit(List<String> fields, long line) {
      if (problem != null) {
        return problem;
      }
      int width = named.length;
      if (fields.size() > width) {
        return new QuarantineReason(
                "CSV row has "
                    + fields.size()
                    + " fields, the header has "
                    + width
                    + " (unquoted delimiter?)",
                "line " + line)
            .text();
      }
      if (fields.size() == width && names.size() == width) {
        return null;
      }
      for (int i = 0; i < width; i++) {
        if (i >= fields.size()) {
          if (named[i]) {
            return new QuarantineReason(
                    "CSV row has "
                        + fields.size()
                        + " fields, the header has "
                        + width
                        + " (cut short?)",
                    "line " + line)
                .text();
          }
        } else if (!named[i] && !fields.get(i).isBlank()) {
          return new QuarantineReason(
                  "CSV row has a value under an empty header cell",
                  "line "
                      + line
                      + ", field "
                      + (i + 1)
                      + ": "
                      + QuarantineReason.quote(fields.get(i)))
              .text();
        }
      }
      return null;
    }
  }

  private static boolean undecodable(Collection<String> texts) {
    for (String text : texts) {
      if (text.indexOf(UNDECODABLE) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String notText(String what, String where, String encoding) {
    return new QuarantineReason(
            what + " is not valid " + encoding,
            where
                + " holds bytes that are no "
                + encoding
                + " text; set the dataset's source.options.encoding to the export's encoding"
                + " (e.g. windows-1252)")
        .text();
  }

  private static final class Rows implements Iterator<Decoded> {
    private final CsvRecordReader reader;
    private final Deque<CsvRecordReader.Line> read;
    private final Header header;
    private final String encoding;
    private CsvRecordReader.Line next;
    private boolean nextFromReader;
    private long index;

    /**
     * @param read rows read already while looking for the header, before the reader's next one
     */
    Rows(CsvRecordReader reader, Deque<CsvRecordReader.Line> read, Header header, String encoding) {
      this.reader = reader;
      this.read = read;
      this.header = header;
      this.encoding = encoding;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        nextFromReader = read.isEmpty();
        CsvRecordReader.Line line = nextFromReader ? reader.next() : read.poll();
        if (line == null) {
          return false;
        }
        if (!line.blank()) {
          next = line;
        }
      }
      return true;
    }

    @Override
    public Decoded next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CsvRecordReader.Line line = next;
      next = null;
      long current = index++;
      if (line.problem() != null) {
        return new Decoded.Bad(current, line.problem(), line.text());
      }
      String misfit = header.misfit(line.fields(), line.number());
      if (misfit == null) {
        return undecodable(line.fields())
            ? new Decoded.Bad(
                current, notText("CSV row", "line " + line.number(), encoding), line.text())
            : new Decoded.Ok(current, new CsvRawRecord(header, line));
      }
      if (nextFromReader && line.lines() > 1 && header.problem() == null) {
        CsvRecordReader.Line broken = reader.broken(line, unclosedQuote(line, misfit));
        return new Decoded.Bad(current, broken.problem(), broken.text());
      }
      return new Decoded.Bad(current, misfit, line.text());
    }

    /**
     * A record over several lines that does not fit the header: most likely a quote left open that
     * a stray quote further down closed, so its lines after the first are read again.
     */
    private static String unclosedQuote(CsvRecordReader.Line line, String misfit) {
      return new QuarantineReason(
              "CSV quote not closed",
              "the record on line "
                  + line.number()
                  + " runs over "
                  + line.lines()
                  + " lines and does not fit the header ("
                  + QuarantineReason.kindOf(misfit)
                  + "); reading resumed at line "
                  + (line.number() + 1))
          .text();
    }
  }

  private record CsvRawRecord(Header header, CsvRecordReader.Line line) implements RawRecord {
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
