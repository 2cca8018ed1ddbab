package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sampler draws from exactly the distribution it reports, with temperature, top-k and top-p applied. */
class TokenSamplerTest {
  static NDManager manager;
  static final float[] LOGITS = {2.0f, 1.0f, 0.5f, 0.0f, -1.0f, -3.0f};

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  static double[] softmax(float[] logits, double temperature) {
    double[] p = new double[logits.length];
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) max = Math.max(max, l / temperature);
    double z = 0;
    for (int i = 0; i < p.length; i++) z += p[i] = Math.exp(logits[i] / temperature - max);
    for (int i = 0; i < p.length; i++) p[i] /= z;
    return p;
  }

  /** Draws n tokens in batches of 500 rows and returns the empirical frequencies and one reported log-prob per token. */
  static double[][] draw(SamplingParams p, int n) {
    int v = LOGITS.length;
    double[] freq = new double[v];
    double[] reported = new double[v];
    java.util.Arrays.fill(reported, Double.NaN);
    SplittableRandom r = new SplittableRandom(7);
    int rows = 500;
    float[] batch = new float[rows * v];
    for (int i = 0; i < rows; i++) System.arraycopy(LOGITS, 0, batch, i * v, v);
    for (int done = 0; done < n; done += rows) {
      try (NDManager m = manager.newSubManager()) {
        NDArray logits = m.create(batch, new Shape(rows, v));
        double[] u = new double[rows];
        for (int i = 0; i < rows; i++) u[i] = r.nextDouble();
        TokenSampler.Choice c = TokenSampler.choose(m, logits, p, u);
        for (int i = 0; i < rows; i++) {
          int t = (int) c.tokens()[i];
          freq[t]++;
          reported[t] = c.sampledLogprobs()[i];
          assertEquals(Math.log(softmax(LOGITS, 1)[t]), c.modelLogprobs()[i], 1e-5, "raw model log-prob of " + t);
        }
      }
    }
    for (int i = 0; i < v; i++) freq[i] /= n;
    return new double[][] {freq, reported};
  }

  @Test
  void temperatureSamplingMatchesTheSoftmax() {
    double[] want = softmax(LOGITS, 0.7);
    double[][] got = draw(new SamplingParams(0.7, 1, 0, 1, null, null), 20000);
    for (int i = 0; i < want.length; i++) {
      // 4.5 standard errors of a binomial proportion: fails by chance about once in 150,000 runs
      double se = Math.sqrt(want[i] * (1 - want[i]) / 20000);
      assertEquals(want[i], got[0][i], 4.5 * se + 1e-4, "frequency of token " + i);
      if (got[0][i] > 0) assertEquals(Math.log(want[i]), got[1][i], 1e-5, "reported log-prob of token " + i);
    }
  }

  @Test
  void topKKeepsOnlyTheKBestAndRenormalises() {
    double[] full = softmax(LOGITS, 1);
    double z = full[0] + full[1];
    double[][] got = draw(new SamplingParams(1, 1, 2, 1, null, null), 10000);
    assertEquals(0, got[0][2] + got[0][3] + got[0][4] + got[0][5]);
    assertEquals(full[0] / z, got[0][0], 0.02);
    assertEquals(Math.log(full[1] / z), got[1][1], 1e-5);
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingP() {
    double[] full = softmax(LOGITS, 1);
    // p0 = 0.55, p0 + p1 = 0.76: top_p 0.7 keeps tokens 0 and 1 only (the second is needed to reach 0.7).
    double[][] got = draw(new SamplingParams(1, 0.7, 0, 1, null, null), 10000);
    assertEquals(0, got[0][2] + got[0][3] + got[0][4] + got[0][5]);
    assertTrue(got[0][1] > 0);
    assertEquals(Math.log(full[0] / (full[0] + full[1])), got[1][0], 1e-5);
  }

  @Test
  void greedyTakesTheArgmax() {
    double[][] got = draw(SamplingParams.greedy(1), 500);
    assertEquals(1.0, got[0][0]);
    assertEquals(0.0, got[1][0]);
  }
}
