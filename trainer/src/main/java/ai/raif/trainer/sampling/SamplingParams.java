package ai.raif.trainer.sampling;

import java.util.List;
import java.util.Set;

/**
 * How to pick each next token. {@code temperature == 0} means greedy. {@code topK <= 0} and {@code topP >= 1} switch
 * those filters off. Stop token ids end a sequence (the token is kept in the ids, not in the text); stop strings end it
 * as soon as the decoded text contains one (the text is cut before it). {@code topLogprobs > 0} also reports that many
 * most likely tokens of the raw model at every step ({@link Generation#topLogprobs()}); it never changes the draw.
 */
public record SamplingParams(double temperature, double topP, int topK, int maxNewTokens,
                             Set<Integer> stopTokenIds, List<String> stopStrings, int topLogprobs) {
  public SamplingParams {
    if (topLogprobs < 0) throw new IllegalArgumentException("top_logprobs must be >= 0, got " + topLogprobs);
    if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    if (maxNewTokens < 1) throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
    stopTokenIds = Set.copyOf(stopTokenIds == null ? Set.of() : stopTokenIds);
    stopStrings = List.copyOf(stopStrings == null ? List.of() : stopStrings);
    for (String s : stopStrings) if (s.isEmpty()) throw new IllegalArgumentException("empty stop string");
  }

  /** Without top log-probs. */
  public SamplingParams(double temperature, double topP, int topK, int maxNewTokens, Set<Integer> stopTokenIds,
                        List<String> stopStrings) {
    this(temperature, topP, topK, maxNewTokens, stopTokenIds, stopStrings, 0);
  }

  public static SamplingParams greedy(int maxNewTokens) {
    return new SamplingParams(0, 1, 0, maxNewTokens, Set.of(), List.of());
  }

  public boolean isGreedy() { return temperature == 0; }

  public SamplingParams withStopTokenIds(Set<Integer> ids) {
    return new SamplingParams(temperature, topP, topK, maxNewTokens, ids, stopStrings, topLogprobs);
  }

  public SamplingParams withMaxNewTokens(int n) {
    return new SamplingParams(temperature, topP, topK, n, stopTokenIds, stopStrings, topLogprobs);
  }

  /** The same settings, reporting the {@code k} most likely tokens at every step (0 = none). */
  public SamplingParams withTopLogprobs(int k) {
    return new SamplingParams(temperature, topP, topK, maxNewTokens, stopTokenIds, stopStrings, k);
  }
}
