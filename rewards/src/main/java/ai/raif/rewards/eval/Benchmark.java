package ai.raif.rewards.eval;

import java.util.Arrays;
import java.util.Locale;

/** The benchmarks {@code raif eval} scores: two rule-checked (IFEval's protocol) and three judge-scored. */
public enum Benchmark {
  IFEVAL,
  IFBENCH,
  INFOBENCH,
  FOLLOWBENCH,
  COMPLEXBENCH;

  /** The name on the command line and in {@code eval_results}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Scored by the LLM judge's YES/NO verdicts rather than by rule checkers. */
  public boolean judged() {
    return this == INFOBENCH || this == FOLLOWBENCH || this == COMPLEXBENCH;
  }

  public static Benchmark of(String name) {
    for (Benchmark b : values()) if (b.id().equals(name.toLowerCase(Locale.ROOT))) return b;
    throw new IllegalArgumentException("unknown benchmark '" + name + "' (expected one of "
        + Arrays.stream(values()).map(Benchmark::id).toList() + ")");
  }
}
