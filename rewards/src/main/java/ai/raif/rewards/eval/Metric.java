package ai.raif.rewards.eval;

import ai.raif.rewards.ifeval.Tally;

/**
 * One benchmark number, under the reference's own name where it has one.
 *
 * @param n how many units (prompts, instructions, questions) the value averages over
 */
public record Metric(String name, double value, long n) {
  /** {@code hits / n}; NaN when there is nothing to average. */
  public static Metric ratio(String name, long hits, long n) {
    return new Metric(name, n == 0 ? Double.NaN : (double) hits / n, n);
  }

  public static Metric of(String name, Tally tally) {
    return ratio(name, tally.correct(), tally.total());
  }
}
