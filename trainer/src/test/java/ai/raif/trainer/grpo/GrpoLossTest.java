package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.grpo.GrpoLoss.Aggregation;
import ai.raif.trainer.grpo.GrpoLoss.KlEstimator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loss values and statistics against numbers worked out by hand on tiny batches. */
class GrpoLossTest {
  static NDManager manager;

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  static NDArray arr(NDManager m, double[][] rows) {
    int b = rows.length;
    int t = rows[0].length;
    float[] flat = new float[b * t];
    for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) flat[i * t + j] = (float) rows[i][j];
    return m.create(flat, new Shape(b, t));
  }

  static float[] f(double... v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
    return out;
  }

  /** One token per sequence, old log-prob 0, so the ratio is exp(logprob). */
  static GrpoLoss.Result singleTokens(NDManager m, GrpoLoss loss, double[] ratios, double[] advantages) {
    double[][] lp = new double[ratios.length][1];
    double[][] zero = new double[ratios.length][1];
    double[][] ones = new double[ratios.length][1];
    for (int i = 0; i < ratios.length; i++) {
      lp[i][0] = Math.log(ratios[i]);
      ones[i][0] = 1;
    }
    return loss.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, zero), null, arr(m, ones), f(advantages)));
  }

  @Test
  void clippedSurrogateOnBothSides() {
    try (NDManager m = manager.newSubManager()) {
      GrpoLoss loss = GrpoLoss.defaults().withKl(KlEstimator.K3, 0);
      // ρ=1.5,A=+1: clipped to 1.2 → ℓ=-1.2 (high clip). ρ=0.5,A=-1: min(-0.5,-0.8) → ℓ=0.8 (low clip).
      // ρ=1.5,A=-1: min(-1.5,-1.2) → ℓ=1.5 (unclipped). ρ=0.5,A=+1: min(0.5,0.8) → ℓ=-0.5 (unclipped).
      GrpoLoss.Result r = singleTokens(m, loss, new double[] {1.5, 0.5, 1.5, 0.5}, new double[] {1, -1, -1, 1});
      assertEquals((-1.2 + 0.8 + 1.5 - 0.5) / 4, r.loss().getFloat(), 1e-6);
      assertEquals(0.15, r.policyLoss(), 1e-6);
      assertEquals(0.25, r.clipHighFraction(), 0);
      assertEquals(0.25, r.clipLowFraction(), 0);
      assertEquals(1.0, r.meanRatio(), 1e-6);
      assertEquals(0, r.klLoss(), 0);
      assertTrue(Double.isNaN(r.meanKl()), "no reference, no KL statistic");
      assertTrue(Double.isNaN(r.entropy()));
      assertEquals(4, r.policyTokens());

      // clip-higher: the upper bound moves to 1.28, the lower stays at 0.8
      GrpoLoss.Result wide = singleTokens(m, loss.withEpsHigh(0.28), new double[] {1.5, 0.5, 1.5, 0.5},
          new double[] {1, -1, -1, 1});
      assertEquals((-1.28 + 0.8 + 1.5 - 0.5) / 4, wide.loss().getFloat(), 1e-6);
      // ρ=1.25 < 1.28 is inside the wider range: ℓ = -1.25, no clip
      GrpoLoss.Result inside = singleTokens(m, loss.withEpsHigh(0.28), new double[] {1.25}, new double[] {2});
      assertEquals(-2.5, inside.loss().getFloat(), 1e-6);
      assertEquals(0, inside.clipHighFraction(), 0);
    }
  }

  @Test
  void klEstimators() {
    try (NDManager m = manager.newSubManager()) {
      // logπ - logπ_ref = +0.5 for sequence 0 and -0.5 for sequence 1; ρ = 1 and A = 0, so only KL remains
      double[][] lp = {{-1.0}, {-2.0}};
      double[][] ref = {{-1.5}, {-1.5}};
      double[][] mask = {{1}, {1}};
      double[] k1 = {0.5, -0.5};
      double[] k2 = {0.125, 0.125};
      double[] k3 = {Math.exp(-0.5) - 0.5, Math.exp(0.5) - 1.5}; // 0.1065307, 0.1487213
      assertEquals(0.10653065971263342, k3[0], 1e-15);
      assertEquals(0.14872127070012819, k3[1], 1e-15);
      double[][] expected = {k1, k2, k3};
      for (KlEstimator e : KlEstimator.values()) {
        double[] k = expected[e.ordinal()];
        GrpoLoss loss = GrpoLoss.defaults().withKl(e, 0.5);
        GrpoLoss.Result r = loss.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, lp), arr(m, ref), arr(m, mask),
            f(0, 0)));
        double mean = (k[0] + k[1]) / 2;
        assertEquals(0.5 * mean, r.loss().getFloat(), 1e-6, e.name());
        assertEquals(mean, r.klLoss(), 1e-6, e.name());
        assertEquals(mean, r.meanKl(), 1e-6, e.name());
        assertEquals(0, r.policyLoss(), 0, e.name());
      }
      // the default is k3 with β = 0.001
      GrpoLoss.Result d = GrpoLoss.defaults().compute(new GrpoLoss.Batch(arr(m, lp), arr(m, lp), arr(m, ref),
          arr(m, mask), f(0, 0)));
      assertEquals(0.001 * (k3[0] + k3[1]) / 2, d.loss().getFloat(), 1e-9);
    }
  }

  /** Sequence 0 has 1 response token, sequence 1 has 3; the padding holds values that would change every term. */
  static GrpoLoss.Batch unequalLengths(NDManager m) {
    double[][] old = {{0, -5, -5}, {0, 0, 0}};
    double[][] lp = {{0, 5, 5}, {Math.log(1.1), 0, 0}};
    double[][] ref = {{-0.4, -7, -7}, {Math.log(1.1) - 0.1, -0.1, -0.1}};
    double[][] mask = {{1, 0, 0}, {1, 1, 1}};
    // ρ = 1 except 1.1 on the first token of sequence 1 (inside the clip range); A = 2 and -1, so ℓ = -2 | 1.1, 1, 1
    // k1 = logπ - logπ_ref = 0.4 | 0.1, 0.1, 0.1
    return new GrpoLoss.Batch(arr(m, lp), arr(m, old), arr(m, ref), arr(m, mask), f(2, -1));
  }

  @Test
  void sequenceMeanAndTokenMeanDifferOnUnequalLengths() {
    try (NDManager m = manager.newSubManager()) {
      GrpoLoss seq = GrpoLoss.defaults().withKl(KlEstimator.K1, 1.0);
      GrpoLoss.Result s = seq.compute(unequalLengths(m));
      double seqPolicy = (-2 + 3.1 / 3) / 2; // per-sequence token means, then mean over 2 sequences
      double seqKl = (0.4 + 0.3 / 3) / 2;
      assertEquals(seqPolicy, s.policyLoss(), 1e-6);
      assertEquals(seqKl, s.klLoss(), 1e-6);
      assertEquals(seqPolicy + seqKl, s.loss().getFloat(), 1e-6);

      GrpoLoss.Result t = seq.withAggregation(Aggregation.TOKEN_MEAN).compute(unequalLengths(m));
      double tokPolicy = (-2 + 3.1) / 4; // all 4 response tokens weigh the same
      double tokKl = (0.4 + 0.3) / 4;
      assertEquals(tokPolicy, t.policyLoss(), 1e-6);
      assertEquals(tokKl, t.klLoss(), 1e-6);
      assertEquals(tokPolicy + tokKl, t.loss().getFloat(), 1e-6);

      // statistics are token means over the 4 response tokens whatever the aggregation
      assertEquals(4, s.responseTokens());
      assertEquals(4, s.policyTokens());
      assertEquals((1 + 1.1 + 1 + 1) / 4, s.meanRatio(), 1e-6);
      assertEquals(0.7 / 4, s.meanKl(), 1e-6);
      assertEquals(0, s.clipHighFraction() + s.clipLowFraction(), 0);
    }
  }

  @Test
  void maskedTokensAreIgnored() {
    try (NDManager m = manager.newSubManager()) {
      GrpoLoss loss = GrpoLoss.defaults().withKl(KlEstimator.K3, 0.3);
      GrpoLoss.Batch a = unequalLengths(m);
      // the same batch with other padding values gives the same loss and statistics
      double[][] lp = {{0, -1.7, 3}, {Math.log(1.1), 0, 0}};
      double[][] old = {{0, 2, 0.5}, {0, 0, 0}};
      double[][] ref = {{-0.4, 0, 1}, {Math.log(1.1) - 0.1, -0.1, -0.1}};
      double[][] ent = {{0.5, 99, 99}, {1.0, 1.5, 2.0}};
      GrpoLoss.Batch b = new GrpoLoss.Batch(arr(m, lp), arr(m, old), arr(m, ref), a.mask(), a.advantages(),
          new boolean[] {true, true}, arr(m, ent));
      GrpoLoss.Result ra = loss.compute(a);
      GrpoLoss.Result rb = loss.compute(b);
      assertEquals(ra.loss().getFloat(), rb.loss().getFloat(), 1e-7);
      assertEquals(ra.meanKl(), rb.meanKl(), 1e-9);
      assertEquals((0.5 + 1.0 + 1.5 + 2.0) / 4, rb.entropy(), 1e-6);
    }
  }

  @Test
  void droppedSequencesKeepOnlyTheirKl() {
    try (NDManager m = manager.newSubManager()) {
      // sequence 0 kept (ρ=1, A=1: ℓ=-1), sequence 1 dropped (ρ=1.1, A=1 would give -1.1); k1 = 0.2 and 0.3
      double[][] lp = {{0}, {Math.log(1.1)}};
      double[][] old = {{0}, {0}};
      double[][] ref = {{-0.2}, {Math.log(1.1) - 0.3}};
      double[][] mask = {{1}, {1}};
      boolean[] keep = {true, false};
      GrpoLoss loss = GrpoLoss.defaults().withKl(KlEstimator.K1, 1.0);
      GrpoLoss.Result with = loss.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, old), arr(m, ref), arr(m, mask),
          f(1, 1), keep, null));
      // dropped sequences still count in the batch mean (reference behaviour, spec §9.11)
      assertEquals(-1.0 / 2 + (0.2 + 0.3) / 2, with.loss().getFloat(), 1e-6);
      assertEquals(1, with.policyTokens());
      assertEquals(2, with.responseTokens());
      assertEquals(1.0, with.meanRatio(), 1e-6);
      GrpoLoss.Result without = loss.withKlOnDropped(false).compute(new GrpoLoss.Batch(arr(m, lp), arr(m, old),
          arr(m, ref), arr(m, mask), f(1, 1), keep, null));
      assertEquals(-1.0 / 2 + 0.2 / 2, without.loss().getFloat(), 1e-6);
      assertEquals(0.25, without.meanKl(), 1e-6, "the logged KL covers every response token");

      // nothing kept: no policy tokens, statistics 0 rather than NaN
      GrpoLoss.Result none = loss.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, old), arr(m, ref), arr(m, mask),
          f(1, 1), new boolean[] {false, false}, null));
      assertEquals(0, none.policyTokens());
      assertEquals(0, none.meanRatio(), 0);
      assertEquals(0.25, none.loss().getFloat(), 1e-6);
    }
  }

  @Test
  void betaZeroSkipsTheReference() {
    try (NDManager m = manager.newSubManager()) {
      double[][] lp = {{Math.log(1.1), 0}};
      double[][] zero = {{0, 0}};
      double[][] mask = {{1, 1}};
      GrpoLoss noKl = GrpoLoss.defaults().withKl(KlEstimator.K3, 0);
      GrpoLoss.Result r = noKl.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, zero), null, arr(m, mask), f(1)));
      assertEquals(-(1.1 + 1) / 2, r.loss().getFloat(), 1e-6);
      // a reference given with β = 0 only feeds the statistic
      double[][] ref = {{Math.log(1.1) - 0.5, 0}};
      GrpoLoss.Result s = noKl.compute(new GrpoLoss.Batch(arr(m, lp), arr(m, zero), arr(m, ref), arr(m, mask),
          f(1)));
      assertEquals(r.loss().getFloat(), s.loss().getFloat(), 0);
      assertEquals(0, s.klLoss(), 0);
      assertEquals((Math.exp(-0.5) - 0.5) / 2, s.meanKl(), 1e-6);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GrpoLoss.defaults().compute(new GrpoLoss.Batch(arr(m, lp), arr(m, zero), null, arr(m, mask), f(1))));
      assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }
  }

  @Test
  void badInputsAreRejected() {
    try (NDManager m = manager.newSubManager()) {
      double[][] ok = {{0, 0}};
      double[][] mask = {{1, 1}};
      GrpoLoss loss = GrpoLoss.defaults().withKl(KlEstimator.K3, 0);
      assertThrows(IllegalArgumentException.class, () -> loss.compute(
          new GrpoLoss.Batch(arr(m, ok), arr(m, ok), null, arr(m, mask), f(1, 2))));
      assertThrows(IllegalArgumentException.class, () -> loss.compute(
          new GrpoLoss.Batch(arr(m, ok), arr(m, new double[][] {{0, 0, 0}}), null, arr(m, mask), f(1))));
      assertThrows(IllegalArgumentException.class, () -> loss.compute(
          new GrpoLoss.Batch(arr(m, ok), arr(m, ok), null, arr(m, new double[][] {{1, 0.5}}), f(1))));
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> loss.compute(
          new GrpoLoss.Batch(arr(m, new double[][] {{0, Double.NEGATIVE_INFINITY}}), arr(m, ok), null,
              arr(m, new double[][] {{1, 0}}), f(1))));
      assertTrue(nan.getMessage().contains("[0,1]"), nan.getMessage());
      assertThrows(IllegalArgumentException.class, () -> GrpoLoss.defaults().withEpsHigh(-0.1));
      assertThrows(IllegalArgumentException.class, () -> GrpoLoss.defaults().withKl(KlEstimator.K1, -1));
      assertThrows(IllegalArgumentException.class,
          () -> new GrpoLoss(1.0, 0.2, KlEstimator.K3, 0, Aggregation.TOKEN_MEAN, true));
    }
  }

  @Test
  void behaviourCloningMasksThePromptByDefault() {
    try (NDManager m = manager.newSubManager()) {
      // targets: 2 prompt tokens then 2 response tokens in row 0; 1 prompt, 1 response and padding in row 1
      double[][] lp = {{-3, -4, -1, -2}, {-5, -0.5, 0, 0}};
      double[][] prompt = {{1, 1, 0, 0}, {1, 0, 0, 0}};
      double[][] response = {{0, 0, 1, 1}, {0, 1, 0, 0}};
      BehaviourCloningLoss.Result paper = BehaviourCloningLoss.responseOnly()
          .compute(arr(m, lp), arr(m, response), arr(m, prompt));
      assertEquals((1 + 2 + 0.5) / 3, paper.loss().getFloat(), 1e-6);
      assertEquals((1 + 2 + 0.5) / 3, paper.nll(), 1e-9);
      assertEquals(3, paper.tokens());
      BehaviourCloningLoss.Result reference = BehaviourCloningLoss.withPrompt()
          .compute(arr(m, lp), arr(m, response), arr(m, prompt));
      assertEquals((3 + 4 + 1 + 2 + 5 + 0.5) / 6, reference.loss().getFloat(), 1e-6);
      assertEquals(6, reference.tokens());
      assertThrows(IllegalArgumentException.class,
          () -> BehaviourCloningLoss.withPrompt().compute(arr(m, lp), arr(m, response), null));
      assertThrows(IllegalArgumentException.class,
          () -> BehaviourCloningLoss.withPrompt().compute(arr(m, lp), arr(m, response), arr(m, response)));
      BehaviourCloningLoss.Result empty = BehaviourCloningLoss.responseOnly()
          .compute(arr(m, lp), arr(m, new double[2][4]), null);
      assertEquals(0, empty.loss().getFloat(), 0);
      assertEquals(0, empty.tokens());
    }
  }
}
