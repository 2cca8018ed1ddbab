package ai.raif.rewards.ifeval;

/** IFEval's two comparison relations, spelled as in the data. */
public enum Relation {
  LESS_THAN("less than"),
  AT_LEAST("at least");

  private final String text;

  Relation(String text) {
    this.text = text;
  }

  /** Whether {@code count} satisfies the relation to {@code threshold} ({@code <} or {@code >=}). */
  public boolean holds(long count, long threshold) {
    return this == LESS_THAN ? count < threshold : count >= threshold;
  }

  /** The relation spelled {@code text}, or null when there is none. */
  static Relation parse(String text) {
    for (Relation r : values()) if (r.text.equals(text)) return r;
    return null;
  }
}
