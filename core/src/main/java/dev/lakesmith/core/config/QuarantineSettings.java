package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;

/**
 * How quarantine output is stored. Quarantined records are raw input, often personal data, so the
 * files are readable by their owner (and group) only.
 *
 * @param fileMode POSIX permission bits of quarantine files, e.g. {@code 0640}
 */
public record QuarantineSettings(int fileMode) {
  public static final QuarantineSettings DEFAULT = new QuarantineSettings(0640);
  private static final int OTHERS = 07;

  public QuarantineSettings {
    if (fileMode < 0 || fileMode > 0777 || (fileMode & OTHERS) != 0 || (fileMode & 0600) != 0600) {
      throw JobFailure.config(
          "lakesmith.quarantine.file-mode "
              + String.format("%04o", fileMode)
              + " must let the owner read and write and give others no access; use 0640 or 0600");
    }
  }

  /** The directory mode matching {@link #fileMode}: search allowed wherever read is. */
  public int directoryMode() {
    return fileMode | ((fileMode & 0444) >> 2);
  }

  public static QuarantineSettings parse(String octal) {
    if (!octal.trim().matches("0?[0-7]{3}")) {
      throw JobFailure.config(
          "lakesmith.quarantine.file-mode '" + octal + "' is not an octal mode; use e.g. \"0640\"");
    }
    return new QuarantineSettings(Integer.parseInt(octal.trim(), 8));
  }
}
