package dev.lakesmith.core;

import java.io.PrintStream;

/** Turns any failure into one actionable line and an exit code. */
public final class JobErrors {
  private JobErrors() {}

  /** Runs a picocli command, reporting failures as one line ({@code --verbose}: with trace). */
  public static int execute(Object command, String... args) {
    return execute(new picocli.CommandLine(command), args);
  }

  /** As {@link #execute(Object, String...)}, for a command line built with its own factory. */
  public static int execute(picocli.CommandLine commandLine, String... args) {
    boolean verbose = java.util.List.of(args).contains("--verbose");
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, verbose, System.err));
    return commandLine.execute(args);
  }

  public static int report(Throwable error, boolean verbose, PrintStream err) {
    JobFailure failure = find(error);
    if (failure != null) {
      err.println("lakesmith: error: " + failure.getMessage());
    } else {
      err.println(
          "lakesmith: error: unexpected failure: "
              + describe(error)
              + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
    }
    if (verbose) {
      error.printStackTrace(err);
    }
    return failure != null ? failure.exitCode() : JobFailure.INTERNAL;
  }

  /** The JobFailure in {@code error}'s cause chain, or null. */
  public static JobFailure find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof JobFailure failure) {
        return failure;
      }
    }
    return null;
  }

  public static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
