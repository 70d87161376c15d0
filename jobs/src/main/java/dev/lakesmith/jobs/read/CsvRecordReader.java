package dev.lakesmith.jobs.read;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvFormat;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import dev.lakesmith.jobs.validate.QuarantineReason;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads CSV records with univocity-parsers, the parser Spark's own CSV source uses: fields
 * separated by a delimiter, optionally quoted, quotes doubled inside quotes, line breaks allowed
 * inside quotes. Values are kept as written: no trimming, empty cells are empty strings, and no
 * line is a comment.
 *
 * <p>One broken record must not take the rest of the file with it. A record the parser rejects (a
 * field longer than {@code maxFieldChars}, more fields than any sheet has, a quote inside a quoted
 * field that is not doubled) and a record whose quote is never closed (it runs to the end of the
 * file) come back with a problem and the text of their first line, and reading resumes on the line
 * after it with a new parser over the kept text ({@link CsvText}). The decoder does the same
 * through {@link #broken} for a record that spans lines and does not fit the header: the mark of an
 * open quote that a stray one further down closed.
 */
final class CsvRecordReader {
  /** Excel's column limit: no sheet a hospital exports is wider. */
  static final int MAX_FIELDS = 16_384;

  /** What a broken record keeps of its first line for its quarantine row. */
  static final int MAX_BROKEN_TEXT = 64 * 1024;

  private static final int INPUT_BUFFER = 64 * 1024;

  /**
   * One record: its fields, its text without the line end, the line it starts on (from 1), how many
   * lines it spans and where it starts in the text. A broken one has a {@code problem}, no fields,
   * and the text of its first line.
   */
  record Line(
      List<String> fields, String text, long number, int lines, long start, String problem) {
    /** No content: an empty line, or only empty cells as spreadsheets pad them. */
    boolean blank() {
      return problem == null && fields.stream().allMatch(String::isBlank);
    }
  }

  /**
   * A parser allocates a buffer of the field limit and an array of the field count limit when it is
   * made: more than reading a small export costs. So each thread keeps the parser of the last file
   * it read to the end for the next file of the same shape (measured on 5,000 two-line files: 0.4
   * to 0.5 ms per file with a new parser each, 0.1 ms with this).
   */
  private static final ThreadLocal<Idle> IDLE = new ThreadLocal<>();

  private record Shape(char delimiter, char quote, int maxFieldChars) {}

  private record Idle(Shape shape, CsvParser parser) {}

  private final Shape shape;
  private final CsvText text;
  private CsvParser parser;
  private long parserStart;
  private long recordStart;
  private long recordLine = 1;

  CsvRecordReader(Reader in, char delimiter, char quote, int maxFieldChars) {
    this.shape = new Shape(delimiter, quote, maxFieldChars);
    this.text = new CsvText(in);
    Idle idle = IDLE.get();
    if (idle != null && idle.shape().equals(shape)) {
      IDLE.remove();
      begin(idle.parser(), 0, 1);
    } else {
      begin(new CsvParser(settings(shape)), 0, 1);
    }
  }

  private static CsvParserSettings settings(Shape shape) {
    CsvParserSettings settings = new CsvParserSettings();
    CsvFormat format = settings.getFormat();
    format.setDelimiter(shape.delimiter());
    format.setQuote(shape.quote());
    format.setQuoteEscape(shape.quote());
    format.setLineSeparator("\n");
    format.setNormalizedNewline('\n');
    format.setComment('\0');
    settings.setCommentProcessingEnabled(false);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setIgnoreLeadingWhitespacesInQuotes(false);
    settings.setIgnoreTrailingWhitespacesInQuotes(false);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setSkipEmptyLines(false);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setUnescapedQuoteHandling(UnescapedQuoteHandling.RAISE_ERROR);
    settings.setMaxCharsPerColumn(shape.maxFieldChars());
    settings.setMaxColumns(MAX_FIELDS);
    settings.setInputBufferSize(INPUT_BUFFER);
    settings.setReadInputOnSeparateThread(false);
    settings.setErrorContentLength(0);
    return settings;
  }

  /** The next record, or null at the end of the input. */
  Line next() {
    if (parser == null) {
      return null;
    }
    long start = recordStart;
    long number = recordLine;
    text.forget(start);
    String[] row;
    try {
      row = parser.parseNext();
    } catch (TextParsingException e) {
      String problem = problem(e, number);
      parser = null;
      return broken(start, number, problem);
    }
    if (row == null) {
      IDLE.set(new Idle(shape, parser));
      parser = null;
      return null;
    }
    long end = parserStart + parser.getContext().currentChar();
    String raw = text.text(start, end);
    String body = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
    int lines = 1 + count(body, '\n');
    recordStart = end;
    recordLine = number + lines;
    Line line = new Line(Arrays.asList(row), body, number, lines, start, null);
    if (lines > 1 && count(body, shape.quote()) % 2 == 1) {
      return broken(
          line,
          new QuarantineReason(
                  "CSV quote not closed",
                  "the quote opened on line "
                      + number
                      + " runs to the end of the file; reading resumed at line "
                      + (number + 1))
              .text());
    }
    return line;
  }

  /**
   * {@code line} as a broken record with {@code problem}: its first line, after which reading
   * resumes. Only for the record {@link #next} returned last.
   */
  Line broken(Line line, String problem) {
    return broken(line.start(), line.number(), problem);
  }

  private Line broken(long start, long number, String problem) {
    String first = text.line(start, MAX_BROKEN_TEXT);
    try {
      long resume = text.endOfLine(start);
      text.rewind(resume);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CsvParser next;
    if (parser == null) {
      next = new CsvParser(settings(shape));
    } else {
      parser.stopParsing();
      next = parser;
    }
    begin(next, text.position(), number + 1);
    return new Line(List.of(), first, number, 1, start, problem);
  }

  /**
   * Parses on from {@code offset}, line {@code line}, with {@code parser}: a new one after the
   * parser failed (it keeps the broken record's fields), else the one that was reading.
   */
  private void begin(CsvParser parser, long offset, long line) {
    this.parser = parser;
    parser.beginParsing(text);
    parserStart = offset;
    recordStart = offset;
    recordLine = line;
  }

  /**
   * Why the parser rejected the record starting on line {@code number}. A failure to read the file
   * itself is no record's problem: it is thrown for the caller to sort out ({@link ReadFailures}).
   */
  private String problem(TextParsingException e, long number) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    String resumed = "; reading resumed at line " + (number + 1);
    if (message.startsWith("Length of parsed input")) {
      return new QuarantineReason(
              "CSV field too long",
              String.format(
                  Locale.ROOT,
                  "a field of the record on line %d is over %,d characters"
                      + " (lakesmith.read.max-csv-field-chars)%s",
                  number,
                  shape.maxFieldChars(),
                  resumed))
          .text();
    }
    if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
      return new QuarantineReason(
              "CSV record unreadable",
              String.format(
                  Locale.ROOT,
                  "the record on line %d has over %,d fields%s",
                  number,
                  MAX_FIELDS,
                  resumed))
          .text();
    }
    if (message.contains("Unescaped quote")) {
      return new QuarantineReason(
              "CSV quote not closed",
              "a quoted field of the record on line "
                  + number
                  + " has a quote that is neither doubled nor followed by a delimiter"
                  + resumed)
          .text();
    }
    return new QuarantineReason(
            "CSV record unreadable",
            "line " + number + ": " + message.lines().findFirst().orElse("") + resumed)
        .text();
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
