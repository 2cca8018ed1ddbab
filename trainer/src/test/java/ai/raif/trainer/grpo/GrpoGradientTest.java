package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.raif.trainer.grpo.GrpoLoss.Aggregation;
import ai.raif.trainer.grpo.GrpoLoss.KlEstimator;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.TestModels;
import ai.raif.trainer.sampling.Scorer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Autograd gradients of the losses with respect to the policy log-probs equal central finite differences of an
 * independent plain-Java double implementation, and stay finite and repeatable when the GC runs before backward
 * (the DJL scalar use-after-free hazard, stack-notes §3).
 */
class GrpoGradientTest {
  static NDManager manager;

  @BeforeAll
  static void start() { manager = NDManager.newBaseManager(); }

  @AfterAll
  static void stop() { manager.close(); }

  /** Tokens of a batch as plain doubles, B=2 by T=3; sequence 0 has 2 response tokens, sequence 1 has 3. */
  record Case(double[] lp, double[] old, double[] ref, double[] mask, double[] adv, boolean[] keep) {
    static final int B = 2;
    static final int T = 3;
  }

  /** The GRPO objective written out directly from its definition, in double. */
  static double reference(GrpoLoss c, Case x, double[] lp) {
    int[] len = new int[Case.B];
    int total = 0;
    for (int i = 0; i < Case.B * Case.T; i++) {
      if (x.mask()[i] == 1) {
        len[i / Case.T]++;
        total++;
      }
    }
    double loss = 0;
    for (int i = 0; i < Case.B; i++) {
      double w = c.aggregation() == Aggregation.SEQUENCE_MEAN ? 1.0 / (Case.B * len[i]) : 1.0 / total;
      for (int j = i * Case.T; j < (i + 1) * Case.T; j++) {
        if (x.mask()[j] == 0) continue;
        if (x.keep()[i]) {
          double rho = Math.exp(lp[j] - x.old()[j]);
          double clipped = Math.max(1 - c.epsLow(), Math.min(1 + c.epsHigh(), rho));
          loss += w * -Math.min(rho * x.adv()[i], clipped * x.adv()[i]);
        }
        if (c.beta() > 0 && (x.keep()[i] || c.klOnDropped())) {
          double back = x.ref()[j] - lp[j]; // logπ_ref - logπ
          double kl = switch (c.kl()) {
            case K1 -> -back;
            case K2 -> 0.5 * back * back;
            case K3 -> Math.exp(back) - back - 1;
          };
          loss += c.beta() * w * kl;
        }
      }
    }
    return loss;
  }

  static double[] finiteDifferences(GrpoLoss c, Case x) {
    double h = 1e-5;
    double[] grad = new double[x.lp().length];
    for (int i = 0; i < grad.length; i++) {
      double[] up = x.lp().clone();
      double[] down = x.lp().clone();
      up[i] += h;
      down[i] -= h;
      grad[i] = (reference(c, x, up) - reference(c, x, down)) / (2 * h);
    }
    return grad;
  }

  static float[] f(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
    return out;
  }

  /** Value and d loss / d logprobs by autograd, with a forced GC between building the graph and backward. */
  static float[] autograd(GrpoLoss c, Case x, double[] value) {
    Shape shape = new Shape(Case.B, Case.T);
    try (NDManager m = manager.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray lp = m.create(f(x.lp()), shape);
      lp.setRequiresGradient(true);
      NDArray loss = c.compute(new GrpoLoss.Batch(lp, m.create(f(x.old()), shape), m.create(f(x.ref()), shape),
          m.create(f(x.mask()), shape), f(x.adv()), x.keep(), null)).loss();
      churn();
      gc.backward(loss);
      value[0] = loss.getFloat();
      return lp.getGradient().toFloatArray();
    }
  }

  /** Frees direct buffers that nothing holds any more, which is what turns the scalar hazard into wrong gradients. */
  static void churn() {
    for (int i = 0; i < 50; i++) java.nio.ByteBuffer.allocateDirect(1 << 16);
    System.gc();
  }

  static void check(GrpoLoss c, Case x) {
    double[] value = new double[1];
    float[] grad = autograd(c, x, value);
    float[] again = autograd(c, x, new double[1]);
    assertArrayEquals(grad, again, "repeatable gradient");
    for (float g : grad) assertTrue(Float.isFinite(g), "finite gradient");
    float[] lpF = f(x.lp());
    double[] lpRounded = new double[lpF.length];
    for (int i = 0; i < lpF.length; i++) lpRounded[i] = lpF[i];
    assertEquals(reference(c, x, lpRounded), value[0], 1e-6, "loss value");
    double[] numeric = finiteDifferences(c, x);
    for (int i = 0; i < grad.length; i++) {
      assertEquals(numeric[i], grad[i], 1e-5 + 1e-4 * Math.abs(numeric[i]), "d loss / d logprob[" + i + "]");
      if (x.mask()[i] == 0) assertEquals(0, grad[i], 0, "no gradient into padding");
    }
  }

  static final double[] MASK = {1, 1, 0, 1, 1, 1};
  static final double[] OLD = {-1.0, -2.0, 0, -0.5, -1.5, -0.7};
  static final double[] REF = {-1.2, -1.7, 0, -0.6, -1.0, -0.9};

  @Test
  void surrogateInsideTheClipRange() {
    // log-ratios within ±0.15, so every ρ is in (0.86, 1.17), inside [0.8, 1.2]; padding holds junk
    double[] lp = {-0.9, -2.15, 3.0, -0.4, -1.6, -0.62};
    Case x = new Case(lp, OLD, REF, MASK, new double[] {1.3, -0.7}, new boolean[] {true, true});
    GrpoLoss noKl = GrpoLoss.defaults().withKl(KlEstimator.K3, 0);
    check(noKl, x);
    check(noKl.withAggregation(Aggregation.TOKEN_MEAN), x);
    // inside the range the gradient is -w·A·ρ, nonzero everywhere
    float[] g = autograd(noKl, x, new double[1]);
    assertEquals(-1.3 * Math.exp(0.1) / 4, g[0], 1e-6);
  }

  @Test
  void surrogateOutsideTheClipRange() {
    // ρ = e^0.4 ≈ 1.49 and e^-0.4 ≈ 0.67 on different tokens, against both signs of A
    double[] lp = {-0.6, -2.4, -4.0, -0.1, -1.9, -0.7};
    Case x = new Case(lp, OLD, REF, MASK, new double[] {1.0, -2.0}, new boolean[] {true, true});
    GrpoLoss noKl = GrpoLoss.defaults().withKl(KlEstimator.K3, 0);
    check(noKl, x);
    float[] g = autograd(noKl, x, new double[1]);
    assertEquals(0, g[0], 0, "ρ > 1.2 with A > 0: clipped, no gradient");
    assertTrue(g[1] != 0, "ρ < 0.8 with A > 0: the unclipped ρ·A is the minimum, gradient flows");
    assertTrue(g[3] != 0, "ρ > 1.2 with A < 0: unclipped, gradient flows");
    assertEquals(0, g[4], 0, "ρ < 0.8 with A < 0: clipped, no gradient");
    check(noKl.withEpsHigh(0.28), x);
  }

  @Test
  void klEstimatorsAndKeepFlags() {
    double[] lp = {-0.9, -2.15, 0.0, -0.4, -1.6, -0.62};
    for (KlEstimator e : KlEstimator.values()) {
      GrpoLoss c = GrpoLoss.defaults().withKl(e, 0.5);
      check(c, new Case(lp, OLD, REF, MASK, new double[] {1.3, -0.7}, new boolean[] {true, true}));
      check(c, new Case(lp, OLD, REF, MASK, new double[] {1.3, -0.7}, new boolean[] {false, true}));
      check(c.withKlOnDropped(false), new Case(lp, OLD, REF, MASK, new double[] {1.3, -0.7},
          new boolean[] {true, false}));
    }
    // policy term off (A = 0): the k3 gradient is β·w·(1 - exp(logπ_ref - logπ))
    double[] value = new double[1];
    float[] g = autograd(GrpoLoss.defaults().withKl(KlEstimator.K3, 0.5),
        new Case(lp, OLD, REF, MASK, new double[] {0, 0}, new boolean[] {true, true}), value);
    assertEquals(0.5 / 4 * (1 - Math.exp(-1.2 + 0.9)), g[0], 1e-6);
  }

  @Test
  void behaviourCloningGradient() {
    Shape shape = new Shape(1, 4);
    float[] lp = {-3, -4, -1, -2};
    float[] response = {0, 0, 1, 1};
    float[] prompt = {1, 1, 0, 0};
    for (BehaviourCloningLoss bc : List.of(BehaviourCloningLoss.responseOnly(), BehaviourCloningLoss.withPrompt())) {
      float[][] runs = new float[2][];
      for (int run = 0; run < 2; run++) {
        try (NDManager m = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray x = m.create(lp, shape);
          x.setRequiresGradient(true);
          NDArray loss = bc.compute(x, m.create(response, shape), m.create(prompt, shape)).loss();
          churn();
          gc.backward(loss);
          runs[run] = x.getGradient().toFloatArray();
        }
      }
      assertArrayEquals(runs[0], runs[1]);
      // -mean over n selected tokens: d/dlp = -1/n there, 0 elsewhere (the loss is linear, so this is also the FD)
      int n = bc.includePrompt() ? 4 : 2;
      for (int i = 0; i < 4; i++) {
        boolean selected = response[i] == 1 || bc.includePrompt();
        assertEquals(selected ? -1.0 / n : 0, runs[0][i], 1e-7, bc + " token " + i);
      }
    }
  }

  /** GRPO + BC through a tiny transformer: gradients into the weights are finite and the same on a second run. */
  @Test
  void backwardThroughATinyModelAfterGc() {
    ModelConfig c = TestModels.tinyConfig(Architecture.QWEN2, false);
    List<Scorer.Pair> rl = List.of(new Scorer.Pair(new int[] {4, 8, 15}, new int[] {16, 23, 42}),
        new Scorer.Pair(new int[] {7}, new int[] {1, 2}));
    List<Scorer.Pair> expert = List.of(new Scorer.Pair(new int[] {5, 6}, new int[] {9, 10, 11}));
    try (NDManager m = manager.newSubManager(); CausalLM lm = CausalLM.load(c, TestModels.randomWeights(c, 11), m)) {
      List<NDArray> params = lm.parameters();
      for (NDArray p : params) p.setRequiresGradient(true);
      float[][] runs = new float[2][];
      for (int run = 0; run < 2; run++) {
        for (NDArray p : params) p.getGradient().muli(0f);
        try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Scorer scorer = new Scorer(lm);
          Scorer.TokenLogprobs t = scorer.tokenLogprobs(s, rl);
          // old and reference log-probs away from the current ones, so ρ ≠ 1 and the KL term is nonzero
          NDArray old = t.logprobs().stopGradient().add(s.create(0.1f)).mul(t.mask());
          NDArray ref = t.logprobs().stopGradient().sub(s.create(0.3f)).mul(t.mask());
          GrpoLoss.Result r = GrpoLoss.defaults().withKl(KlEstimator.K3, 0.1)
              .compute(new GrpoLoss.Batch(t.logprobs(), old, ref, t.mask(), new float[] {1.0f, -1.0f}));
          Scorer.TokenLogprobs e = scorer.tokenLogprobs(s, expert);
          NDArray total = r.loss().add(BehaviourCloningLoss.responseOnly().compute(e.logprobs(), e.mask(), null).loss());
          churn();
          gc.backward(total);
          runs[run] = params.get(2).getGradient().toFloatArray();
        }
      }
      double norm = 0;
      for (float g : runs[0]) {
        assertTrue(Float.isFinite(g), "finite gradient");
        norm += g * g;
      }
      assertTrue(norm > 0, "gradient reaches the weights");
      assertArrayEquals(runs[0], runs[1], 1e-6f, "repeatable gradient");
    }
  }
}
