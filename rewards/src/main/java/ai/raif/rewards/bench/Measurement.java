package ai.raif.rewards.bench;

/**
 * Timed passes over a workload on {@code threads} threads: the verdicts of one pass and the median wall time of a
 * pass over {@code repetitions} passes.
 */
public record Measurement(int threads, Verdicts verdicts, double secondsPerPass, int repetitions) {
  public double checksPerSecond() {
    return verdicts.checks() / secondsPerPass;
  }
}
