package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.raif.trainer.checkpoint.TrainerState;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.TestModels;
import ai.raif.trainer.sampling.Scorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's step on a tiny model: exact gradient accumulation, behaviour-cloning masks, and bit-exact resume. */
class PolicyTrainerTest {
  private static final ModelConfig CONFIG = TestModels.tinyConfig(Architecture.LLAMA, true);

  /** Rollouts with on-policy old log-probs (scored by {@code lm}) and mixed advantages, lengths 2..6. */
  private static List<RlSequence> rollouts(CausalLM lm, NDManager m, long seed, int n) {
    Random r = new Random(seed);
    List<Scorer.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) pairs.add(new Scorer.Pair(ids(r, 3 + r.nextInt(3)), ids(r, 2 + r.nextInt(5))));
    List<float[]> old = new Scorer(lm).score(m, pairs);
    List<RlSequence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new RlSequence("r" + i, pairs.get(i).promptIds(), pairs.get(i).continuationIds(), old.get(i),
          (float) r.nextGaussian(), i % 5 != 4));
    }
    return out;
  }

  private static List<ExpertSequence> experts(long seed, int n) {
    Random r = new Random(seed);
    List<ExpertSequence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new ExpertSequence("e" + i, ids(r, 2 + r.nextInt(3)), ids(r, 3 + r.nextInt(4))));
    return out;
  }

  private static int[] ids(Random r, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = 1 + r.nextInt(CONFIG.vocabSize() - 1);
    return a;
  }

  private static PolicyTrainer.Settings settings(GrpoLoss.Aggregation agg, BehaviourCloningLoss bc, int micro) {
    return new PolicyTrainer.Settings(GrpoLoss.defaults().withKl(GrpoLoss.KlEstimator.K3, 0.05).withAggregation(agg),
        bc, 1.0, LINEAR_ADAM, micro);
  }

  /**
   * eps = 1 makes AdamW's update nearly linear in the gradient: with the default 1e-8, a parameter whose gradient is
   * ~0 moves by ±lr on rounding noise alone, which would hide what the comparison is about (the gradient).
   */
  private static final AdamW.Config LINEAR_ADAM = new AdamW.Config(0.9, 0.95, 1.0, 0, Double.POSITIVE_INFINITY);

  /** Parameters after one step of the given settings from the same start, and the step's stats. */
  private static List<float[]> afterOneStep(PolicyTrainer.Settings s, StepStats[] stats) {
    try (NDManager base = NDManager.newBaseManager();
         CausalLM lm = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base);
         CausalLM ref = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      List<RlSequence> rl = rollouts(lm, base, 11, 7);
      try (PolicyTrainer t = new PolicyTrainer(lm, ref, s, base)) {
        // perturb first so the policy is off the reference and old policy: ratio, clip and KL all matter
        t.step(rl, experts(3, 5), 0.5);
        stats[0] = t.step(rl, experts(3, 5), 0.1);
        List<float[]> out = new ArrayList<>();
        for (NDArray p : t.parameters()) out.add(p.toFloatArray());
        return out;
      }
    }
  }

  @Test
  void microBatchesAccumulateToTheWholeBatchGradient() {
    for (GrpoLoss.Aggregation agg : GrpoLoss.Aggregation.values()) {
      for (BehaviourCloningLoss bc : List.of(BehaviourCloningLoss.responseOnly(), BehaviourCloningLoss.withPrompt())) {
        StepStats[] whole = new StepStats[1];
        StepStats[] split = new StepStats[1];
        List<float[]> a = afterOneStep(settings(agg, bc, 16), whole);
        List<float[]> b = afterOneStep(settings(agg, bc, 2), split);
        String what = agg + " / " + (bc.includePrompt() ? "with prompt" : "response only");
        assertEquals(whole[0].gradNorm(), split[0].gradNorm(), 1e-4 * whole[0].gradNorm(), what + " grad norm");
        assertEquals(whole[0].loss(), split[0].loss(), 1e-5 * Math.abs(whole[0].loss()), what + " loss");
        assertEquals(whole[0].meanKl(), split[0].meanKl(), 1e-5 * whole[0].meanKl(), what + " KL");
        assertEquals(whole[0].entropy(), split[0].entropy(), 1e-5 * whole[0].entropy(), what + " entropy");
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), 1e-6f, what + " parameter " + i);
        assertTrue(whole[0].meanKl() > 0 && whole[0].gradNorm() > 0, what + ": the step did something");
      }
    }
  }

  @Test
  void stepsRunOnAThreadThatDidNotStartTheEngine() throws Exception {
    StepStats[] onMain = new StepStats[1];
    afterOneStep(settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.responseOnly(), 4), onMain);
    // torch's grad mode is per thread and on by default; only the engine's first thread had it switched off
    StepStats[] onOther = new StepStats[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        afterOneStep(settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.responseOnly(), 4), onOther);
      } catch (Throwable e) {
        failure[0] = e;
      }
    });
    t.start();
    t.join();
    if (failure[0] != null) throw new AssertionError("step on a fresh thread failed", failure[0]);
    assertEquals(onMain[0].loss(), onOther[0].loss(), 1e-6 * Math.abs(onMain[0].loss()));
  }

  @Test
  void behaviourCloningWithThePromptCountsPromptTokens() {
    StepStats[] responseOnly = new StepStats[1];
    StepStats[] withPrompt = new StepStats[1];
    afterOneStep(settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.responseOnly(), 4), responseOnly);
    afterOneStep(settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.withPrompt(), 4), withPrompt);
    int response = 0;
    int prompt = 0;
    for (ExpertSequence e : experts(3, 5)) {
      response += e.responseIds().length;
      prompt += e.promptIds().length - 1;
    }
    assertEquals(response, responseOnly[0].expertTokens());
    assertEquals(response + prompt, withPrompt[0].expertTokens());
    assertFalse(responseOnly[0].bcLoss() == withPrompt[0].bcLoss());
  }

  @Test
  void theFirstStepIsOnPolicyAndLearnsTheAdvantageDirection() {
    try (NDManager base = NDManager.newBaseManager();
         CausalLM lm = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      List<RlSequence> rl = rollouts(lm, base, 11, 6);
      PolicyTrainer.Settings s = new PolicyTrainer.Settings(GrpoLoss.defaults().withKl(GrpoLoss.KlEstimator.K3, 0),
          BehaviourCloningLoss.responseOnly(), 0, AdamW.Config.defaults(), 3);
      try (PolicyTrainer t = new PolicyTrainer(lm, null, s, base)) {
        StepStats first = t.step(rl, List.of(), 1e-3);
        assertEquals(1.0, first.meanRatio(), 1e-4, "old log-probs are the policy's own");
        assertTrue(Double.isNaN(first.meanKl()) && Double.isNaN(first.bcLoss()), "no reference, no BC");
        // A positive-advantage sequence becomes likelier, a negative one less likely
        List<float[]> after = new Scorer(lm).score(base, rl.stream()
            .map(r -> new Scorer.Pair(r.promptIds(), r.responseIds())).toList());
        for (int i = 0; i < rl.size(); i++) {
          RlSequence r = rl.get(i);
          if (!r.keep()) continue;
          double delta = sum(after.get(i)) - sum(r.oldLogprobs());
          assertTrue(Math.signum(delta) == Math.signum(r.advantage()), "sequence " + i + ": advantage "
              + r.advantage() + ", log-prob change " + delta);
        }
      }
      assertThrows(IllegalArgumentException.class, () -> new PolicyTrainer(lm, null,
          settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.responseOnly(), 1), base));
    }
  }

  @Test
  void aResumedRunTakesExactlyTheStepTheUninterruptedRunTook(@TempDir Path dir) {
    PolicyTrainer.Settings s = settings(GrpoLoss.Aggregation.SEQUENCE_MEAN, BehaviourCloningLoss.responseOnly(), 3);
    List<StepStats> uninterrupted = new ArrayList<>();
    List<float[]> finalParams = new ArrayList<>();
    try (NDManager base = NDManager.newBaseManager();
         CausalLM lm = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base);
         CausalLM ref = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      List<RlSequence> rl = rollouts(lm, base, 11, 6);
      try (PolicyTrainer t = new PolicyTrainer(lm, ref, s, base)) {
        for (int step = 0; step < 3; step++) {
          uninterrupted.add(t.step(rl, experts(step, 3), 1e-2));
          TrainerState.save(dir.resolve("state"), t.parameters(), t.optimizer(),
              new TrainerState.Progress("run", 0, step + 1, 3, step + 1, 42));
          if (step == 0) TrainerState.save(dir.resolve("killed"), t.parameters(), t.optimizer(),
              new TrainerState.Progress("run", 0, 1, 3, 1, 42));
        }
        for (NDArray p : t.parameters()) finalParams.add(p.toFloatArray());
      }
    }
    // a new process: the initial weights, then the state saved after step 1
    try (NDManager base = NDManager.newBaseManager();
         CausalLM lm = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base);
         CausalLM ref = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      List<RlSequence> rl = rollouts(ref, base, 11, 6);
      try (PolicyTrainer t = new PolicyTrainer(lm, ref, s, base)) {
        TrainerState.Progress p = TrainerState.restore(dir.resolve("killed"), t.parameters(), t.optimizer())
            .orElseThrow();
        assertEquals(1, p.stepsDone());
        assertEquals(1, t.optimizer().steps());
        for (int step = p.stepsDone(); step < 3; step++) {
          StepStats resumed = t.step(rl, experts(step, 3), 1e-2);
          assertEquals(String.format("%.6g", uninterrupted.get(step).loss()), String.format("%.6g", resumed.loss()),
              "loss of step " + step);
          assertEquals(uninterrupted.get(step).gradNorm(), resumed.gradNorm(), 0, "grad norm of step " + step);
        }
        for (int i = 0; i < finalParams.size(); i++) {
          assertArrayEquals(finalParams.get(i), t.parameters().get(i).toFloatArray(), "parameter " + i);
        }
      }
    }
    assertEquals(3, TrainerState.progress(dir.resolve("state")).orElseThrow().stepsDone());
    assertTrue(TrainerState.progress(dir.resolve("state")).orElseThrow().iterationDone());
    assertEquals(1, TrainerState.progress(dir.resolve("state")).orElseThrow().policyVersion());
  }

  private static double sum(float[] a) {
    double s = 0;
    for (float v : a) s += v;
    return s;
  }
}
