package ai.raif.rewards.eval;

import ai.raif.rewards.reward.ResponseParts;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TagLayout;

/**
 * The text a benchmark scores: the policy output with its reasoning stripped. The answer block when there is one;
 * else what follows the last {@code </think>}; else, for an output still inside its reasoning, nothing (the model never
 * answered); else the whole output. An unclosed leading {@code <answer>} tag is dropped, as the RAIF harness does.
 */
public final class BenchmarkAnswer {
  private static final String THINK_OPEN = "<think>";
  private static final String THINK_CLOSE = "</think>";
  private static final String ANSWER_OPEN = "<answer>";

  private BenchmarkAnswer() {}

  /**
   * The scored text of a rollout of {@code mode}: a chat-mode output is the answer as it stands (nothing asked the
   * model for tags, so nothing is stripped); the RAIF modes go through {@link #of(String)}.
   */
  public static String of(String policyOutput, RolloutMode mode) {
    return mode == RolloutMode.CHAT ? policyOutput.strip() : of(policyOutput);
  }

  /** @param policyOutput the forced think prefix and the response ({@code PolicyOutput.of}) */
  public static String of(String policyOutput) {
    String answer = ResponseParts.parse(policyOutput, TagLayout.THINK_ANSWER).answer();
    if (answer != null) return answer;
    int close = policyOutput.lastIndexOf(THINK_CLOSE);
    if (close >= 0) return withoutAnswerTag(policyOutput.substring(close + THINK_CLOSE.length()));
    if (policyOutput.strip().startsWith(THINK_OPEN)) return "";
    return withoutAnswerTag(policyOutput);
  }

  private static String withoutAnswerTag(String text) {
    String s = text.strip();
    return (s.startsWith(ANSWER_OPEN) ? s.substring(ANSWER_OPEN.length()) : s).strip();
  }
}
