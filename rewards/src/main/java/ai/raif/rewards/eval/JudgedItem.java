package ai.raif.rewards.eval;

import java.util.List;

/**
 * One prompt of a judge-scored benchmark: what the model is asked, and the YES/NO questions the judge answers about its
 * answer. What the metrics need beyond the verdicts (levels, dependencies, categories) stays with the benchmark's
 * format, keyed by {@code key}.
 */
public record JudgedItem(String key, String prompt, List<String> questions) {
  public JudgedItem {
    questions = List.copyOf(questions);
  }
}
