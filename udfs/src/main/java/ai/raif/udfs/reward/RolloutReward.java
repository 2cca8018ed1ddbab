package ai.raif.udfs.reward;

import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one rollout from the columns the tables hold, turning every data problem into an error value instead of an
 * exception: an unknown source, a label that is not valid JSON, a missing reference answer or judge verdicts. One
 * IFEval checker per JVM, because building it loads its language data, and one {@link RaifReward} per configuration.
 */
public final class RolloutReward {
  private static IfevalChecker checker;
  private static final Map<RewardConfig, RaifReward> REWARDS = new HashMap<>();

  /** A reward, or why there is none. */
  public record Scored(RewardResult result, String error) {
    static Scored failed(String error) {
      return new Scored(null, error);
    }
  }

  private RolloutReward() {}

  public static synchronized RaifReward reward(RewardConfig config) {
    if (checker == null) checker = new IfevalChecker();
    return REWARDS.computeIfAbsent(config, c -> new RaifReward(checker, c));
  }

  /**
   * @param instruction the user's instruction text (IFEval's {@code prompt}, read by a few checkers)
   * @param policyOutput the text the reward reads: the forced think prefix plus the response
   * @param label the {@code constraints} JSON (rule ids + kwargs and/or scoring questions); unused for math
   * @param judgeVerdicts answers to the label's active questions, or null when the label has none
   */
  public static Scored score(RewardConfig config, String source, String instruction, String policyOutput,
      String mode, String label, String referenceAnswer, List<Boolean> judgeVerdicts) {
    if (policyOutput == null) return Scored.failed("response: missing");
    RolloutMode rolloutMode;
    try {
      rolloutMode = RolloutMode.of(mode);
    } catch (IllegalArgumentException e) {
      return Scored.failed(e.getMessage());
    }
    RewardTask task;
    try {
      task = RewardTask.parse(source);
    } catch (IllegalArgumentException e) {
      return Scored.failed("source: " + e.getMessage());
    }
    RaifReward reward = reward(config);
    try {
      if (task.kind() == TaskKind.MATH) {
        return new Scored(reward.scoreMath(task, policyOutput, rolloutMode, referenceAnswer), null);
      }
      CompositeLabel parsed = CompositeLabelJson.parse(label);
      List<Boolean> verdicts = judgeVerdicts;
      if (verdicts == null && parsed.activeQuestions().isEmpty()) verdicts = List.of();
      if (verdicts == null && reward.admits(task, policyOutput, rolloutMode)) {
        return Scored.failed("judge: " + parsed.activeQuestions().size() + " scoring questions have no verdicts");
      }
      return new Scored(reward.scoreConstraints(task, instruction == null ? "" : instruction, policyOutput,
          rolloutMode, parsed, verdicts), null);
    } catch (IllegalArgumentException e) {
      return Scored.failed("constraints: " + e.getMessage());
    }
  }
}
