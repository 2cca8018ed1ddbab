package ai.raif.rewards.reward;

import java.util.List;

/**
 * Everything one response's reward was computed from, for the {@code rewards} table and for debugging.
 *
 * @param gated true when the accuracy gate stopped scoring (accuracy −2, no verdicts)
 * @param verdicts one per active constraint, judge question or math check, in label order
 * @param ruleScore k/K over the checked verdicts; null when gated or when nothing could be checked
 * @param error a data problem found while scoring (invalid constraint, empty label, math time-out), or null
 */
public record RewardResult(
    TaskKind kind,
    RolloutMode mode,
    boolean formatOk,
    String thinkText,
    String answerText,
    boolean gated,
    List<ConstraintVerdict> verdicts,
    Double ruleScore,
    double formatReward,
    double accuracyReward,
    double total,
    String error) {

  public RewardResult {
    verdicts = List.copyOf(verdicts);
    if (total != formatReward + accuracyReward) {
      throw new IllegalArgumentException("total " + total + " != format " + formatReward + " + accuracy " + accuracyReward);
    }
  }

  static RewardResult of(RewardTask task, RolloutMode mode, ResponseParts parts, double formatReward,
      Accuracy accuracy) {
    return new RewardResult(task.kind(), mode, parts.formatOk(), parts.think(), parts.answer(), accuracy.gated(),
        accuracy.verdicts(), accuracy.ruleScore(), formatReward, accuracy.reward(), formatReward + accuracy.reward(),
        accuracy.error());
  }

  public long passedCount() {
    return verdicts.stream().filter(ConstraintVerdict::passed).count();
  }

  public long checkedCount() {
    return verdicts.stream().filter(ConstraintVerdict::checked).count();
  }

  /** The accuracy half of a result, before the format reward is added. */
  record Accuracy(double reward, boolean gated, List<ConstraintVerdict> verdicts, Double ruleScore, String error) {
    static Accuracy gatedOut() {
      return new Accuracy(RewardValues.GATED, true, List.of(), null, null);
    }
  }
}
