package ai.raif.udfs.rollout;

/**
 * A generated rollout, or the reason it could not be generated ({@code error} set, the other outputs empty).
 *
 * @param sampledLogprobs each token's log-prob under the distribution it was drawn from (temperature, top-p, top-k)
 * @param policyLogprobs each token's log-prob under the policy itself (temperature 1, untruncated): GRPO's "old"
 *     log-probs
 * @param genMs wall time of the generation call this rollout was decoded in (with the task's other rollouts)
 */
public record RolloutResult(RolloutTask task, String promptText, String response, int[] responseTokenIds,
    float[] sampledLogprobs, float[] policyLogprobs, int promptTokens, String finishReason, long genMs, String error) {

  static RolloutResult failed(RolloutTask task, String promptText, String error) {
    return new RolloutResult(task, promptText, null, new int[0], new float[0], new float[0], 0, null, 0,
        error);
  }
}
