package ai.raif.trainer.sampling;

import java.util.List;

/**
 * One generated continuation.
 *
 * @param tokenIds generated ids (a final stop token included)
 * @param sampledLogprobs log-prob of each token under the distribution it was drawn from (after temperature, top-k,
 *     top-p); 0 for greedy picks. GRPO's "old" log-probs at temperature 1 are these.
 * @param modelLogprobs log-prob of each token under the raw model (softmax of the logits, temperature 1)
 * @param topLogprobs per generated token, the most likely tokens under the raw model, best first, when
 *     {@link SamplingParams#topLogprobs()} asked for them; empty otherwise
 */
public record Generation(String text, int[] tokenIds, FinishReason finishReason, float[] sampledLogprobs,
                         float[] modelLogprobs, int promptTokens, List<TopLogprobs> topLogprobs) {
  public Generation {
    topLogprobs = List.copyOf(topLogprobs == null ? List.of() : topLogprobs);
  }

  /** Without top log-probs. */
  public Generation(String text, int[] tokenIds, FinishReason finishReason, float[] sampledLogprobs,
                    float[] modelLogprobs, int promptTokens) {
    this(text, tokenIds, finishReason, sampledLogprobs, modelLogprobs, promptTokens, List.of());
  }

  public int generatedTokens() { return tokenIds.length; }
}
