package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.model.AttentionMask;
import ai.raif.trainer.model.CausalLM;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher-forced log-probs of given continuations: {@code log p(c_t | prompt, c_<t)} for every continuation token.
 * The GRPO trainer calls {@link #tokenLogprobs} inside a gradient collector; the judge and evaluation call
 * {@link #score}.
 */
public final class Scorer {
  private final CausalLM model;

  public Scorer(CausalLM model) {
    this.model = model;
  }

  /** A prompt and the continuation to score, both as token ids. */
  public record Pair(int[] promptIds, int[] continuationIds) {}

  /**
   * Per-token log-probs, right-aligned: row i's continuation occupies the last {@code lengths[i]} columns of
   * {@code logprobs [B,Cmax]}; {@code mask [B,Cmax]} is 1 there and 0 elsewhere. {@code entropies}, when asked for,
   * holds the entropy of the model's distribution at each continuation position (0 on padding), without gradient.
   */
  public record TokenLogprobs(NDArray logprobs, NDArray mask, int[] lengths, NDArray entropies) {}

  public TokenLogprobs tokenLogprobs(NDManager m, List<Pair> pairs) {
    return tokenLogprobs(m, pairs, false);
  }

  public TokenLogprobs tokenLogprobs(NDManager m, List<Pair> pairs, boolean withEntropy) {
    int b = pairs.size();
    int total = 0;
    int cont = 0;
    for (int i = 0; i < b; i++) {
      Pair p = pairs.get(i);
      if (p.promptIds().length == 0) throw new IllegalArgumentException("pair " + i + ": empty prompt");
      if (p.continuationIds().length == 0) throw new IllegalArgumentException("pair " + i + ": empty continuation");
      int len = p.promptIds().length + p.continuationIds().length;
      if (len > model.config().maxPositions()) {
        throw new IllegalArgumentException("pair " + i + ": " + len + " tokens exceed the model context of "
            + model.config().maxPositions());
      }
      total = Math.max(total, len);
      cont = Math.max(cont, p.continuationIds().length);
    }
    long[] ids = new long[b * total];
    long[] pos = new long[b * total];
    boolean[][] valid = new boolean[b][total];
    long[] targets = new long[b * cont];
    float[] mask = new float[b * cont];
    int[] lengths = new int[b];
    for (int i = 0; i < b; i++) {
      int[] prompt = pairs.get(i).promptIds();
      int[] c = pairs.get(i).continuationIds();
      int len = prompt.length + c.length;
      int pad = total - len;
      for (int t = 0; t < len; t++) {
        ids[i * total + pad + t] = t < prompt.length ? prompt[t] : c[t - prompt.length];
        pos[i * total + pad + t] = t;
        valid[i][pad + t] = true;
      }
      for (int t = 0; t < c.length; t++) {
        targets[i * cont + cont - c.length + t] = c[t];
        mask[i * cont + cont - c.length + t] = 1f;
      }
      lengths[i] = c.length;
    }
    NDArray hidden = model.hidden(m, m.create(ids, new Shape(b, total)), m.create(pos, new Shape(b, total)),
        AttentionMask.build(m, valid, 0, total, model.config().slidingWindow()), null);
    // Position t predicts token t+1, so the last `cont` predictions sit just before the final position.
    NDArray predicting = hidden.get(new NDIndex().addAllDim().addSliceDim(total - 1 - cont, total - 1));
    NDArray all = model.logits(predicting).logSoftmax(-1);
    NDArray logp = all.gather(m.create(targets, new Shape(b, cont, 1)), -1).squeeze(-1);
    NDArray maskArr = m.create(mask, new Shape(b, cont));
    NDArray entropies = null;
    if (withEntropy) {
      // for logging: detached, so the policy loss's backward never walks through it
      NDArray detached = all.stopGradient();
      entropies = detached.exp().mul(detached).sum(new int[] {-1}).neg().mul(maskArr);
    }
    return new TokenLogprobs(logp.mul(maskArr), maskArr, lengths, entropies);
  }

  /** Per-token log-probs of each continuation, without gradients. */
  public List<float[]> score(NDManager parent, List<Pair> pairs) {
    try (NDManager m = parent.newSubManager()) {
      TokenLogprobs t = tokenLogprobs(m, pairs);
      float[] all = t.logprobs().toFloatArray();
      int cont = (int) t.logprobs().getShape().get(1);
      List<float[]> out = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        float[] row = new float[t.lengths()[i]];
        System.arraycopy(all, i * cont + cont - row.length, row, 0, row.length);
        out.add(row);
      }
      return out;
    }
  }
}
