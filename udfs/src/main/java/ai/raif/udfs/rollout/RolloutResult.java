package ai.raif.udfs.rollout;

/**
 * A generated rollout, or the reason it could not be generated ({@code error} set, the other outputs empty).
 *
 * @param genMs wall time of the batch this rollout was generated in
 */
public record RolloutResult(RolloutTask task, String promptText, String response, int[] responseTokenIds,
    float[] sampledLogprobs, int promptTokens, String finishReason, long genMs, String error) {

  static RolloutResult failed(RolloutTask task, String promptText, String error) {
    return new RolloutResult(task, promptText, null, new int[0], new float[0], 0, null, 0, error);
  }
}
