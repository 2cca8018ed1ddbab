package ai.raif.trainer.grpo;

/**
 * One rollout as the policy-gradient term sees it: the prompt and response token ids exactly as generated, the
 * behaviour policy's log-prob of each response token (the rollout's "old" log-probs), and its group advantage.
 *
 * @param id the rollout's key, named in errors
 * @param keep false for a rollout that only contributes KL (dropped by the contrast filter but kept in the batch)
 */
public record RlSequence(String id, int[] promptIds, int[] responseIds, float[] oldLogprobs, float advantage,
                         boolean keep) {
  public RlSequence {
    if (promptIds.length == 0) throw new IllegalArgumentException(id + ": empty prompt");
    if (responseIds.length == 0) throw new IllegalArgumentException(id + ": empty response");
    if (oldLogprobs.length != responseIds.length) {
      throw new IllegalArgumentException(id + ": " + oldLogprobs.length + " old log-probs for "
          + responseIds.length + " response tokens");
    }
    for (int i = 0; i < oldLogprobs.length; i++) {
      if (!Float.isFinite(oldLogprobs[i]) || oldLogprobs[i] > 0) {
        throw new IllegalArgumentException(id + ": old log-prob " + i + " is " + oldLogprobs[i]);
      }
    }
    if (!Float.isFinite(advantage)) throw new IllegalArgumentException(id + ": advantage is " + advantage);
  }
}
