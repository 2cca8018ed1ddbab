package ai.raif.trainer.sampling;

/**
 * One generated continuation.
 *
 * @param tokenIds generated ids (a final stop token included)
 * @param sampledLogprobs log-prob of each token under the distribution it was drawn from (after temperature, top-k,
 *     top-p); 0 for greedy picks. GRPO's "old" log-probs at temperature 1 are these.
 * @param modelLogprobs log-prob of each token under the raw model (softmax of the logits, temperature 1)
 */
public record Generation(String text, int[] tokenIds, FinishReason finishReason, float[] sampledLogprobs,
                         float[] modelLogprobs, int promptTokens) {
  public int generatedTokens() { return tokenIds.length; }
}
