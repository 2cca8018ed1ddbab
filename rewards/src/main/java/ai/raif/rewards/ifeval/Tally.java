package ai.raif.rewards.ifeval;

/** How many of {@code total} items were followed. */
public record Tally(int correct, int total) {
  public static final Tally EMPTY = new Tally(0, 0);

  public Tally plus(boolean followed) {
    return new Tally(correct + (followed ? 1 : 0), total + 1);
  }

  public static Tally add(Tally a, Tally b) {
    return new Tally(a.correct() + b.correct(), a.total() + b.total());
  }

  /** correct / total; NaN when there is nothing to count. */
  public double accuracy() {
    return (double) correct / total;
  }
}
