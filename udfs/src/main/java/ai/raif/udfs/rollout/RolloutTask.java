package ai.raif.udfs.rollout;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.text.ChatMessage;
import java.util.List;

/** One rollout to generate: which prompt, in which mode, which sample of its group, and its seed. */
public record RolloutTask(String promptId, String source, List<ChatMessage> messages, RolloutMode mode,
    int sampleIdx, long seed) {
  public RolloutTask {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
