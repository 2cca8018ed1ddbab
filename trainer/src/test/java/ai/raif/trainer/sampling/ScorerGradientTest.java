package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Teacher-forced log-probs are differentiable: autograd gradients equal central finite differences, and stay finite
 * and repeatable when the GC runs before backward (the DJL scalar use-after-free hazard, stack-notes §3).
 */
class ScorerGradientTest {
  static final List<Scorer.Pair> PAIRS = List.of(
      new Scorer.Pair(new int[] {4, 8, 15}, new int[] {16, 23, 42}),
      new Scorer.Pair(new int[] {7}, new int[] {1, 2}));

  static double objective(CausalLM lm, NDManager m) {
    try (NDManager s = m.newSubManager()) {
      return new Scorer(lm).tokenLogprobs(s, PAIRS).logprobs().sum().getFloat();
    }
  }

  static float[] gradients(CausalLM lm, NDManager m, NDArray param) {
    // torch accumulates into .grad across backward calls; start from zero as an optimizer step would
    for (NDArray p : lm.parameters()) p.getGradient().muli(0f);
    try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = new Scorer(lm).tokenLogprobs(s, PAIRS).logprobs().sum();
      System.gc();
      gc.backward(loss);
      return param.getGradient().toFloatArray();
    }
  }

  @Test
  void autogradMatchesFiniteDifferences() {
    ModelConfig c = TestModels.tinyConfig(Architecture.QWEN2, false);
    try (NDManager m = NDManager.newBaseManager(); CausalLM lm = CausalLM.load(c, TestModels.randomWeights(c, 31), m)) {
      List<NDArray> params = lm.parameters();
      for (NDArray p : params) p.setRequiresGradient(true);
      // one matrix from attention (fused q/k/v with bias), one from the MLP, and the embedding
      int[][] probes = {{2, 5, 3}, {7, 20, 40}, {0, 16, 9}};
      for (int[] probe : probes) {
        NDArray p = params.get(probe[0]);
        float[] grad = gradients(lm, m, p);
        float[] again = gradients(lm, m, p);
        for (float g : grad) assertTrue(Float.isFinite(g), "finite gradient");
        assertEquals(grad.length, again.length);
        for (int i = 0; i < grad.length; i++) assertEquals(grad[i], again[i], 1e-6, "repeatable gradient " + i);
        long cols = p.getShape().get(1);
        float h = 1e-2f;
        NDIndex at = new NDIndex(probe[1], probe[2]);
        float orig = p.get(at).getFloat();
        p.set(at, orig + h);
        double up = objective(lm, m);
        p.set(at, orig - h);
        double down = objective(lm, m);
        p.set(at, orig);
        double numeric = (up - down) / (2 * h);
        double analytic = grad[(int) (probe[1] * cols + probe[2])];
        assertEquals(numeric, analytic, 0.02 * Math.abs(numeric) + 2e-3,
            "d/dparam[" + probe[0] + "][" + probe[1] + "," + probe[2] + "]");
      }
    }
  }
}
