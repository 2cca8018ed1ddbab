package ai.raif.trainer.bench;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.grpo.AdamW;
import ai.raif.trainer.grpo.BehaviourCloningLoss;
import ai.raif.trainer.grpo.ExpertSequence;
import ai.raif.trainer.grpo.GrpoLoss;
import ai.raif.trainer.grpo.PolicyTrainer;
import ai.raif.trainer.grpo.RlSequence;
import ai.raif.trainer.grpo.StepStats;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.sampling.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures training speed the way the trainer runs: {@link PolicyTrainer#step} (reference-model scoring for the KL
 * term when β > 0, policy forward and backward per micro-batch for GRPO and then behaviour cloning, one AdamW step) on synthetic
 * rollouts and expert sequences of fixed lengths. One warm-up step precedes the measured ones.
 *
 * <p>Token ids are random with a fixed seed (speed does not depend on the text). The rollouts' old log-probs come from
 * a no-grad scoring pass of the policy before the first step, so the ratios start at 1; the learning rate is tiny, so
 * they stay near 1 and clipping never changes the work done.
 */
public final class TrainingBenchmark {
  /** The paper's KL weight; 0 trains without a reference model, as the recipe does. */
  public static final double PAPER_BETA = GrpoLoss.defaults().beta();

  /** The paper's GRPO settings (k3, ε = 0.2) with KL weight {@code beta}, behaviour cloning with coefficient 1, AdamW
   *  defaults. */
  public static PolicyTrainer.Settings settings(int microBatch, double beta) {
    return new PolicyTrainer.Settings(GrpoLoss.defaults().withKl(GrpoLoss.KlEstimator.K3, beta),
        BehaviourCloningLoss.responseOnly(), 1.0, AdamW.Config.defaults(), microBatch);
  }

  /** Small enough that the policy barely moves over a benchmark, so every step does the same work. */
  public static final double LEARNING_RATE = 1e-6;

  /**
   * What one optimizer step trains on: {@code batch} rollouts and {@code experts} expert sequences, each
   * {@code promptTokens + responseTokens} long, in forward/backward passes of {@code microBatch} sequences.
   */
  public record Workload(int batch, int microBatch, int promptTokens, int responseTokens, int experts) {
    public Workload {
      if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
      if (microBatch < 1) throw new IllegalArgumentException("micro-batch must be >= 1, got " + microBatch);
      if (promptTokens < 1) throw new IllegalArgumentException("prompt tokens must be >= 1, got " + promptTokens);
      if (responseTokens < 1) throw new IllegalArgumentException("response tokens must be >= 1, got " + responseTokens);
      if (experts < 0) throw new IllegalArgumentException("expert sequences must be >= 0, got " + experts);
    }

    /** Tokens run forward and backward per step, prompts included (the trainer's {@link StepStats#tokens}). */
    public long tokensPerStep() {
      return (long) (batch + experts) * (promptTokens + responseTokens);
    }
  }

  /**
   * @param tokens tokens of the measured steps
   * @param seconds time of the measured steps (whole optimizer steps)
   * @param peakRssBytes the process's peak RSS over the steps (both models, optimizer state, activations), or over
   *     its whole life when {@code peakCoversStepsOnly} is false; -1 where /proc is missing
   */
  public record Result(Workload workload, int steps, long tokens, double seconds, double warmupSeconds,
                       long peakRssBytes, boolean peakCoversStepsOnly, double firstLoss, double lastLoss) {
    public double tokensPerSecond() { return tokens / seconds; }

    public double secondsPerStep() { return seconds / steps; }
  }

  private TrainingBenchmark() {}

  /**
   * Trains {@code policy} (its weights change, slightly) for one warm-up and {@code steps} measured steps.
   *
   * @param reference a second copy of the same weights, frozen, for the KL term; null when {@code beta == 0}
   */
  public static Result run(CausalLM policy, CausalLM reference, NDManager parent, Workload w, double beta, int steps) {
    if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    int maxLength = w.promptTokens() + w.responseTokens();
    if (maxLength > policy.config().maxPositions()) {
      throw new IllegalArgumentException(maxLength + " tokens per sequence exceed the model context of "
          + policy.config().maxPositions());
    }
    SplittableRandom r = new SplittableRandom(42);
    int vocab = policy.config().vocabSize();
    List<RlSequence> rollouts = rollouts(policy, parent, w, r, vocab);
    List<ExpertSequence> experts = new ArrayList<>();
    for (int i = 0; i < w.experts(); i++) {
      experts.add(new ExpertSequence("e" + i, ids(r, vocab, w.promptTokens()), ids(r, vocab, w.responseTokens())));
    }
    boolean reset = ProcessMemory.resetPeak();
    try (PolicyTrainer trainer = new PolicyTrainer(policy, reference, settings(w.microBatch(), beta), parent)) {
      StepStats warm = trainer.step(rollouts, experts, LEARNING_RATE);
      long tokens = 0;
      double seconds = 0;
      double first = Double.NaN;
      double last = Double.NaN;
      for (int s = 0; s < steps; s++) {
        StepStats st = trainer.step(rollouts, experts, LEARNING_RATE);
        tokens += st.tokens();
        seconds += st.seconds();
        if (s == 0) first = st.loss();
        last = st.loss();
      }
      return new Result(w, steps, tokens, seconds, warm.seconds(), ProcessMemory.peakRssBytes(), reset, first, last);
    }
  }

  /** Rollouts with random ids, advantages ~ N(0, 1), and old log-probs scored by the policy one micro-batch at a time. */
  private static List<RlSequence> rollouts(CausalLM policy, NDManager parent, Workload w, SplittableRandom r,
                                           int vocab) {
    List<Scorer.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < w.batch(); i++) {
      pairs.add(new Scorer.Pair(ids(r, vocab, w.promptTokens()), ids(r, vocab, w.responseTokens())));
    }
    Scorer scorer = new Scorer(policy);
    List<float[]> old = new ArrayList<>();
    for (int from = 0; from < pairs.size(); from += w.microBatch()) {
      old.addAll(scorer.score(parent, pairs.subList(from, Math.min(pairs.size(), from + w.microBatch()))));
    }
    List<RlSequence> out = new ArrayList<>();
    for (int i = 0; i < w.batch(); i++) {
      out.add(new RlSequence("r" + i, pairs.get(i).promptIds(), pairs.get(i).continuationIds(), old.get(i),
          (float) r.nextGaussian(), true));
    }
    return out;
  }

  /** Random ids above the special tokens (the first 100 ids of a real vocabulary). */
  private static int[] ids(SplittableRandom r, int vocab, int n) {
    int low = vocab > 1000 ? 100 : 1;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = low + r.nextInt(vocab - low);
    return a;
  }
}
