package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Draws one token per row from logits {@code [B,V]}, on DJL ops (DJL has no multinomial).
 *
 * <p>Inverse-CDF sampling: each row brings one uniform number from its own random stream and takes the first token
 * whose cumulative probability exceeds it. The draw therefore depends only on that row's logits and stream, so a
 * (prompt, seed) pair gives the same text at any batch size or position in the batch.
 */
public final class TokenSampler {
  /** The chosen token per row and its log-probs under the sampling distribution and under the raw model. */
  public record Choice(long[] tokens, float[] sampledLogprobs, float[] modelLogprobs) {
    /** The choices of the given rows, in that order. */
    public Choice pick(List<Integer> rows) {
      long[] t = new long[rows.size()];
      float[] s = new float[rows.size()];
      float[] m = new float[rows.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = tokens[rows.get(i)];
        s[i] = sampledLogprobs[rows.get(i)];
        m[i] = modelLogprobs[rows.get(i)];
      }
      return new Choice(t, s, m);
    }
  }

  private TokenSampler() {}

  public static Choice choose(NDManager m, NDArray logits, SamplingParams p, double[] uniforms) {
    int b = (int) logits.getShape().get(0);
    int vocab = (int) logits.getShape().get(1);
    NDArray modelLogp = logits.logSoftmax(-1);
    if (p.isGreedy()) {
      NDArray token = logits.argMax(-1);
      float[] lp = modelLogp.gather(token.expandDims(-1), -1).toFloatArray();
      return new Choice(token.toLongArray(), new float[b], lp);
    }
    NDArray scaled = logits.mul(m.create((float) (1.0 / p.temperature())));
    NDArray candidates;
    NDArray ids;
    if (p.topK() > 0 && p.topK() < vocab) {
      NDList top = scaled.topK(p.topK(), -1, true, true);
      candidates = top.get(0);
      ids = top.get(1);
    } else if (p.topP() < 1) {
      ids = scaled.argSort(-1, false);
      candidates = scaled.gather(ids, -1);
    } else {
      candidates = scaled;
      ids = null;
    }
    NDArray probs = candidates.softmax(-1);
    if (p.topP() < 1) {
      // Keep the smallest prefix (sorted by probability) whose mass reaches top_p; the first token always stays.
      NDArray before = probs.cumSum(-1).sub(probs);
      probs = probs.mul(before.lt(m.create((float) p.topP())).toType(DataType.FLOAT32, false));
    }
    NDArray cdf = probs.cumSum(-1);
    NDArray total = cdf.get(":, -1:");
    float[] u = new float[b];
    // u = 0 would select a leading zero-probability token; the smallest positive float cannot.
    for (int i = 0; i < b; i++) u[i] = Math.max((float) uniforms[i], Float.MIN_VALUE);
    NDArray threshold = m.create(u, new Shape(b, 1)).mul(total);
    NDArray pick = cdf.lt(threshold).toType(DataType.INT64, false).sum(new int[] {-1}, true)
        .minimum(m.create((long) candidates.getShape().get(1) - 1));
    NDArray chosenProb = probs.gather(pick, -1).div(total);
    NDArray token = ids == null ? pick : ids.gather(pick, -1);
    return new Choice(token.squeeze(-1).toLongArray(), chosenProb.log().squeeze(-1).toFloatArray(),
        modelLogp.gather(token, -1).squeeze(-1).toFloatArray());
  }
}
