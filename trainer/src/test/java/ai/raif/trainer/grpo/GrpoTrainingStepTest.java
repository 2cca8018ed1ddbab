package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.TestModels;
import ai.raif.trainer.sampling.Scorer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces together on a tiny model: losses, backward, clipping, AdamW and the schedule, as a trainer step will. */
class GrpoTrainingStepTest {
  @Test
  void stepsOnATinyModelLowerTheLossAndKeepMemoryFlat() {
    ModelConfig c = TestModels.tinyConfig(Architecture.LLAMA, true);
    List<Scorer.Pair> rl = List.of(new Scorer.Pair(new int[] {3, 1, 4}, new int[] {1, 5, 9}),
        new Scorer.Pair(new int[] {3, 1, 4}, new int[] {2, 6}));
    List<Scorer.Pair> expert = List.of(new Scorer.Pair(new int[] {3, 1, 4}, new int[] {1, 5, 9, 2}));
    float[] advantages = {1f, -1f};
    try (NDManager base = NDManager.newBaseManager();
         CausalLM lm = CausalLM.load(c, TestModels.randomWeights(c, 3), base);
         AdamW opt = new AdamW(lm.parameters(), AdamW.Config.defaults(), base)) {
      for (NDArray p : lm.parameters()) p.setRequiresGradient(true);
      Scorer scorer = new Scorer(lm);
      // rollout-time and reference log-probs from the initial model, as the trainer computes them
      List<float[]> old = scorer.score(base, rl);
      LearningRateSchedule schedule = new LearningRateSchedule(1e-2, 2, 12);
      GrpoLoss grpo = GrpoLoss.defaults();
      double[] bcLoss = new double[12];
      int arrays = 0;
      for (int step = 0; step < 12; step++) {
        try (NDManager s = base.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Scorer.TokenLogprobs t = scorer.tokenLogprobs(s, rl);
          NDArray oldArr = PolicyTrainer.rightAligned(s, old, t);
          GrpoLoss.Result r = grpo.compute(new GrpoLoss.Batch(t.logprobs(), oldArr, oldArr, t.mask(), advantages));
          Scorer.TokenLogprobs e = scorer.tokenLogprobs(s, expert);
          BehaviourCloningLoss.Result bc = BehaviourCloningLoss.responseOnly().compute(e.logprobs(), e.mask(), null);
          bcLoss[step] = bc.nll();
          gc.backward(r.loss().add(bc.loss()));
          if (step == 0) assertEquals(1.0, r.meanRatio(), 1e-5, "on-policy at the first step");
        }
        double norm = opt.step(schedule.lr(step));
        assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm " + norm);
        opt.zeroGradients();
        if (step == 3) arrays = base.getManagedArrays().size();
      }
      assertEquals(arrays, base.getManagedArrays().size(), "no arrays left behind by steps 4..11");
      assertTrue(bcLoss[11] < bcLoss[0] - 0.5, "behaviour cloning learns: " + bcLoss[0] + " -> " + bcLoss[11]);
    }
  }
}
