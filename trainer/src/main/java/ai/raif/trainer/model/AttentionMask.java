package ai.raif.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Builds the additive attention mask {@code [B,1,1,T,S]}: query {@code t} (at slot {@code start + t}) sees key slot
 * {@code j} when {@code j <= start + t}, the key is a real token (not padding), and, with a sliding window, the two are
 * less than {@code window} slots apart. Everything else gets {@link CausalLM#MASKED}.
 */
public final class AttentionMask {
  private AttentionMask() {}

  /**
   * @param keyValid {@code [B][S]}: whether slot j of row b holds a real token (left padding is false)
   * @param start slot of the first query
   * @param queries number of query positions T; S = start + T
   */
  public static NDArray build(NDManager m, boolean[][] keyValid, int start, int queries, int window) {
    int b = keyValid.length;
    int s = start + queries;
    float[] mask = new float[b * queries * s];
    Arrays.fill(mask, CausalLM.MASKED);
    for (int row = 0; row < b; row++) {
      for (int t = 0; t < queries; t++) {
        int q = start + t;
        int lo = window > 0 ? Math.max(0, q - window + 1) : 0;
        int base = (row * queries + t) * s;
        for (int j = lo; j <= q; j++) {
          if (keyValid[row][j]) mask[base + j] = 0f;
        }
      }
    }
    return m.create(mask, new Shape(b, 1, 1, queries, s));
  }
}
