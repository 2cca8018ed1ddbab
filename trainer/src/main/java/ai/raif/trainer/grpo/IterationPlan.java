package ai.raif.trainer.grpo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which rollouts and expert responses each optimizer step of one iteration trains on. The order is a seeded shuffle
 * of the inputs, so the plan is a pure function of (inputs, sizes, seed): a resumed trainer rebuilds the same plan and
 * continues at its step cursor.
 *
 * <p>The rollouts, {@code epochs} times (each pass shuffled anew), are cut into batches of {@code batchSize}; expert
 * responses are dealt {@code bcBatchSize} per step, cycling, and the iteration runs until both have been used once,
 * so behaviour cloning still trains when the contrast filter kept nothing.
 */
public record IterationPlan(List<List<RlSequence>> rollouts, List<List<ExpertSequence>> experts) {
  public IterationPlan {
    if (rollouts.size() != experts.size()) throw new IllegalArgumentException("one entry per step in both lists");
  }

  public static IterationPlan of(List<RlSequence> rl, List<ExpertSequence> expert, int batchSize, int epochs,
                                 int bcBatchSize, long seed) {
    if (batchSize < 1 || epochs < 1 || bcBatchSize < 0) {
      throw new IllegalArgumentException("batchSize and epochs must be >= 1, bcBatchSize >= 0");
    }
    Random random = new Random(seed);
    List<RlSequence> passes = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      List<RlSequence> pass = new ArrayList<>(rl);
      Collections.shuffle(pass, random);
      passes.addAll(pass);
    }
    List<ExpertSequence> experts = new ArrayList<>(bcBatchSize == 0 ? List.of() : expert);
    Collections.shuffle(experts, random);
    int steps = plannedSteps(rl.size(), experts.size(), batchSize, epochs, bcBatchSize);
    List<List<RlSequence>> rlSteps = new ArrayList<>();
    List<List<ExpertSequence>> bcSteps = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      rlSteps.add(List.copyOf(passes.subList(Math.min(passes.size(), s * batchSize),
          Math.min(passes.size(), (s + 1) * batchSize))));
      List<ExpertSequence> bc = new ArrayList<>();
      for (int i = 0; i < Math.min(bcBatchSize, experts.size()); i++) {
        bc.add(experts.get((s * bcBatchSize + i) % experts.size()));
      }
      bcSteps.add(List.copyOf(bc));
    }
    return new IterationPlan(List.copyOf(rlSteps), List.copyOf(bcSteps));
  }

  /** Steps an iteration with these many rollouts and expert responses takes (also the LR schedule's estimate). */
  public static int plannedSteps(int rollouts, int experts, int batchSize, int epochs, int bcBatchSize) {
    int rlSteps = (int) Math.ceil((double) rollouts * epochs / batchSize);
    int bcSteps = bcBatchSize == 0 ? 0 : (int) Math.ceil((double) experts / bcBatchSize);
    return Math.max(rlSteps, bcSteps);
  }

  public int steps() {
    return rollouts.size();
  }
}
