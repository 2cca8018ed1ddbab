package ai.raif.udfs.rollout;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.trainer.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a prompt into its group: G reasoning rollouts, then G' direct and G'' plain-chat ones unless it is a math
 * prompt.
 */
public final class RolloutPlan {
  private RolloutPlan() {}

  public static List<RolloutTask> expand(RolloutSettings s, String promptId, String source,
      List<ChatMessage> messages) {
    List<RolloutTask> tasks = new ArrayList<>();
    for (int i = 0; i < s.reasoningSamples(); i++) tasks.add(task(s, promptId, source, messages, RolloutMode.THINK, i));
    if (!isMath(source)) {
      for (int i = 0; i < s.directSamples(); i++) tasks.add(task(s, promptId, source, messages, RolloutMode.DIRECT, i));
      for (int i = 0; i < s.chatSamples(); i++) tasks.add(task(s, promptId, source, messages, RolloutMode.CHAT, i));
    }
    return tasks;
  }


  private static boolean isMath(String source) {
    try {
      return RewardTask.parse(source).kind() == TaskKind.MATH;
    } catch (IllegalArgumentException e) {
      return false; // the reward stage reports the unknown source; the rollouts are still generated
    }
  }

  private static RolloutTask task(RolloutSettings s, String promptId, String source, List<ChatMessage> messages,
      RolloutMode mode, int idx) {
    long seed = RolloutSeeds.seed(s.baseSeed(), s.runId(), s.iteration(), promptId, mode.wireName(), idx);
    return new RolloutTask(promptId, source, messages, mode, idx, seed);
  }
}
