package dev.lakesmith.core.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live progress of a long stage, drawn by the progressbar library on a terminal ({@link
 * ProgressMode#BAR}); in {@link ProgressMode#PLAIN} a bar draws nothing and lines printed through
 * it are plain lines, so output that is not a terminal never carries control characters. Each stage
 * still ends with its own line (time and rate) printed by the stage.
 */
public final class Progress {
  /**
   * Columns a bar uses when the terminal's width is unknown ({@code COLUMNS} unset): an 80-column
   * terminal, less one so that the line never wraps.
   */
  static final int DEFAULT_WIDTH = 79;

  private final ProgressMode mode;
  private final PrintStream out;
  private final int width;

  public Progress(ProgressMode mode, PrintStream out, int width) {
    if (width < 20) {
      throw new IllegalArgumentException("a progress bar needs 20 columns or more, not " + width);
    }
    this.mode = mode;
    this.out = out;
    this.width = width;
  }

  /** This process's mode, on {@code out}, as wide as {@code COLUMNS} says (else 80). */
  public static Progress fromEnvironment(PrintStream out) {
    return forConsole(ProgressMode.fromEnvironment(), out);
  }

  /** {@code mode} on {@code out}, as wide as {@code COLUMNS} says (else 80). */
  public static Progress forConsole(ProgressMode mode, PrintStream out) {
    return new Progress(mode, out, width(System.getenv("COLUMNS")));
  }

  public static Progress plain(PrintStream out) {
    return new Progress(ProgressMode.PLAIN, out, DEFAULT_WIDTH);
  }

  static int width(String columns) {
    try {
      int value = columns == null ? 0 : Integer.parseInt(columns.trim());
      return value >= 20 ? value - 1 : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  public ProgressMode mode() {
    return mode;
  }

  public PrintStream out() {
    return out;
  }

  /** A bar for a stage of {@code total} units (files, partitions, months). */
  public Bar start(String task, long total, String unit) {
    if (mode == ProgressMode.PLAIN) {
      return new PlainBar(out);
    }
    SharedLine line = new SharedLine(out, width);
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .continuousUpdate()
            .setConsumer(line)
            .build();
    return new LiveBar(bar, line);
  }

  /** One stage's bar. */
  public interface Bar extends AutoCloseable {
    /** Sets how many units are done. */
    void stepTo(long done);

    /** Prints a whole line (above the bar, which stays at the bottom). */
    void println(String line);

    /** Ends the bar, leaving its last state as a line on a terminal. */
    @Override
    void close();
  }

  private record PlainBar(PrintStream out) implements Bar {
    @Override
    public void stepTo(long done) {}

    @Override
    public void println(String line) {
      out.println(line);
    }

    @Override
    public void close() {}
  }

  private record LiveBar(ProgressBar bar, SharedLine line) implements Bar {
    @Override
    public void stepTo(long done) {
      bar.stepTo(done);
    }

    @Override
    public void println(String text) {
      line.above(text);
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
