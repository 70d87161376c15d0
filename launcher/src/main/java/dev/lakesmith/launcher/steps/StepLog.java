package dev.lakesmith.launcher.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the job's own error line in a step's log, falling back to the last exception line. */
final class StepLog {
  private static final String JOB_ERROR = "lakesmith: error: ";

  private StepLog() {}

  static String reason(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return "no log (" + e.getMessage() + ")";
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(JOB_ERROR)) {
        return lines.get(i).substring(JOB_ERROR.length());
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.contains("Exception") || line.contains("Error:")) {
        return line.trim();
      }
    }
    return "no error line in the log";
  }
}
