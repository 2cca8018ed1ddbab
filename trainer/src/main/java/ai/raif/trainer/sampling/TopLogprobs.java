package ai.raif.trainer.sampling;

/** The most likely next tokens at one step and their log-probs under the raw model, best first. */
public record TopLogprobs(int[] tokenIds, float[] logprobs) {
  public TopLogprobs {
    if (tokenIds.length != logprobs.length) {
      throw new IllegalArgumentException(tokenIds.length + " ids but " + logprobs.length + " log-probs");
    }
  }

  public int size() { return tokenIds.length; }
}
