package ai.raif.rewards.bench;

import ai.raif.rewards.Constraint;
import java.util.List;

/** One input row of the benchmark: its constraints and the texts checked against them (one per variant). */
public record BenchRow(String key, List<Constraint> constraints, List<String> texts) {
  public BenchRow {
    constraints = List.copyOf(constraints);
    texts = List.copyOf(texts);
  }

  /** Strict and loose verdicts of every constraint for every text. */
  long checks() {
    return 2L * constraints.size() * texts.size();
  }
}
