package ai.raif.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.TestModels;
import org.junit.jupiter.api.Test;

/** The training benchmark on a tiny model: it counts what the trainer counts and reports a peak RSS. */
class TrainingBenchmarkTest {
  private static final ModelConfig CONFIG = TestModels.tinyConfig(Architecture.LLAMA, true);

  @Test
  void measuresWholeStepsOfTheTrainer() {
    TrainingBenchmark.Workload w = new TrainingBenchmark.Workload(5, 2, 6, 4, 2);
    try (NDManager base = NDManager.newBaseManager();
         CausalLM policy = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base);
         CausalLM reference = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      TrainingBenchmark.Result r = TrainingBenchmark.run(policy, reference, base, w, TrainingBenchmark.PAPER_BETA, 2);
      assertEquals(7 * 10, w.tokensPerStep());
      assertEquals(2 * w.tokensPerStep(), r.tokens());
      assertTrue(r.seconds() > 0 && r.tokensPerSecond() > 0 && r.warmupSeconds() > 0, r.toString());
      assertEquals(r.seconds() / 2, r.secondsPerStep(), 1e-12);
      assertTrue(Double.isFinite(r.firstLoss()) && Double.isFinite(r.lastLoss()), r.toString());
      if (System.getProperty("os.name").startsWith("Linux")) {
        assertTrue(r.peakRssBytes() >= ProcessMemory.rssBytes() / 2 && r.peakRssBytes() > 0, r.toString());
      }
    }
  }

  @Test
  void withoutKlNeedsNoReferenceModel() {
    TrainingBenchmark.Workload w = new TrainingBenchmark.Workload(4, 2, 5, 3, 1);
    try (NDManager base = NDManager.newBaseManager();
         CausalLM policy = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      TrainingBenchmark.Result r = TrainingBenchmark.run(policy, null, base, w, 0, 1);
      assertEquals(w.tokensPerStep(), r.tokens());
      assertTrue(Double.isFinite(r.firstLoss()), r.toString());
      var e = assertThrows(IllegalArgumentException.class,
          () -> TrainingBenchmark.run(policy, null, base, w, TrainingBenchmark.PAPER_BETA, 1));
      assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }
  }

  @Test
  void rejectsEmptyShapesAndOverlongSequences() {
    assertThrows(IllegalArgumentException.class, () -> new TrainingBenchmark.Workload(8, 0, 128, 128, 2));
    assertThrows(IllegalArgumentException.class, () -> new TrainingBenchmark.Workload(8, 4, 128, 0, 2));
    try (NDManager base = NDManager.newBaseManager();
         CausalLM policy = CausalLM.load(CONFIG, TestModels.randomWeights(CONFIG, 5), base)) {
      var tooLong = new TrainingBenchmark.Workload(1, 1, CONFIG.maxPositions(), 1, 0);
      var e = assertThrows(IllegalArgumentException.class, () -> TrainingBenchmark.run(policy, policy, base, tooLong, 0.001, 1));
      assertTrue(e.getMessage().contains("context"), e.getMessage());
    }
  }
}
