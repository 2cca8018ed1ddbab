package ai.raif.trainer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from {@code /proc/self} (Linux); -1 or false elsewhere. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Current resident set size (VmRSS). */
  public static long rssBytes() {
    return statusBytes("VmRSS:");
  }

  /** Peak resident set size (VmHWM): since the process started, or since the last successful {@link #resetPeak}. */
  public static long peakRssBytes() {
    return statusBytes("VmHWM:");
  }

  /**
   * Resets the peak to the current RSS (writes 5 to {@code /proc/self/clear_refs}, Linux 4.0+), so that
   * {@link #peakRssBytes} covers only what follows, e.g. training steps rather than model loading.
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5", StandardCharsets.US_ASCII);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static long statusBytes(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
