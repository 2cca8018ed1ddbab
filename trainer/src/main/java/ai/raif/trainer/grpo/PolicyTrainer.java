package ai.raif.trainer.grpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.sampling.Scorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One optimizer step of RAIF's objective (spec §4.3, §6) on a policy held in memory: the GRPO loss over rollouts plus
 * {@code bcCoef} times behaviour cloning on expert responses, with gradients accumulated over micro-batches so
 * memory is bounded by the micro-batch, not the batch.
 *
 * <p>Accumulation is exact: each micro-batch's loss is weighted by its share of the batch (sequences for
 * {@link GrpoLoss.Aggregation#SEQUENCE_MEAN}, response tokens for {@code TOKEN_MEAN} and for behaviour cloning), so
 * the summed gradient equals that of the whole batch in one pass.
 */
public final class PolicyTrainer implements AutoCloseable {
  /**
   * @param bcCoef weight of the behaviour-cloning loss (the reference's {@code ptx_coef}, 1); 0 turns it off
   * @param microBatch sequences per forward/backward pass
   */
  public record Settings(GrpoLoss grpo, BehaviourCloningLoss bc, double bcCoef, AdamW.Config optimizer,
                         int microBatch) {
    public Settings {
      if (!(bcCoef >= 0 && Double.isFinite(bcCoef))) throw new IllegalArgumentException("bcCoef must be >= 0");
      if (microBatch < 1) throw new IllegalArgumentException("microBatch must be >= 1, got " + microBatch);
    }
  }

  private final CausalLM policy;
  private final Scorer policyScorer;
  private final Scorer referenceScorer;
  private final Settings settings;
  private final NDManager manager;
  private final AdamW optimizer;

  /**
   * @param policy the model being trained; its parameters are switched to require gradients
   * @param reference the frozen initial model for the KL term; may be null when {@code grpo.beta() == 0}
   */
  public PolicyTrainer(CausalLM policy, CausalLM reference, Settings settings, NDManager parent) {
    if (settings.grpo().beta() > 0 && reference == null) {
      throw new IllegalArgumentException("beta = " + settings.grpo().beta() + " needs a reference model");
    }
    this.policy = policy;
    this.policyScorer = new Scorer(policy);
    this.referenceScorer = reference == null ? null : new Scorer(reference);
    this.settings = settings;
    this.manager = parent.newSubManager();
    for (NDArray p : policy.parameters()) p.setRequiresGradient(true);
    this.optimizer = new AdamW(policy.parameters(), settings.optimizer(), manager);
  }

  public AdamW optimizer() {
    return optimizer;
  }

  public List<NDArray> parameters() {
    return policy.parameters();
  }

  /** Accumulates the gradient of the whole batch, then takes one AdamW step at {@code lr}. */
  public StepStats step(List<RlSequence> rl, List<ExpertSequence> expert, double lr) {
    if (rl.isEmpty() && (expert.isEmpty() || settings.bcCoef() == 0)) {
      throw new IllegalArgumentException("nothing to train on: no rollouts and no expert responses");
    }
    long start = System.nanoTime();
    // micro-batches of similar lengths pad less; the shares below keep the batch's gradient whatever the grouping
    rl = byLength(rl, s -> s.promptIds().length + s.responseIds().length);
    expert = byLength(expert, e -> e.promptIds().length + e.responseIds().length);
    RlTotals t = new RlTotals();
    int responseTokens = 0;
    for (RlSequence s : rl) responseTokens += s.responseIds().length;
    for (int from = 0; from < rl.size(); from += settings.microBatch()) {
      List<RlSequence> part = rl.subList(from, Math.min(rl.size(), from + settings.microBatch()));
      double share = settings.grpo().aggregation() == GrpoLoss.Aggregation.SEQUENCE_MEAN
          ? (double) part.size() / rl.size()
          : (double) tokens(part) / responseTokens;
      t.add(rlMicroBatch(part, share), share);
    }
    double bcLoss = Double.NaN;
    int expertTokens = 0;
    List<ExpertSequence> bc = settings.bcCoef() > 0 ? expert : List.of();
    if (!bc.isEmpty()) {
      for (ExpertSequence e : bc) expertTokens += bcTokens(e);
      bcLoss = 0;
      for (int from = 0; from < bc.size(); from += settings.microBatch()) {
        List<ExpertSequence> part = bc.subList(from, Math.min(bc.size(), from + settings.microBatch()));
        int partTokens = 0;
        for (ExpertSequence e : part) partTokens += bcTokens(e);
        bcLoss += bcMicroBatch(part, (double) partTokens / expertTokens);
      }
    }
    long tokens = 0;
    for (RlSequence s : rl) tokens += s.promptIds().length + s.responseIds().length;
    for (ExpertSequence e : bc) tokens += e.promptIds().length + e.responseIds().length;
    double norm = optimizer.step(lr);
    optimizer.zeroGradients();
    double policyLoss = t.policyLoss;
    double klLoss = t.klLoss;
    double loss = policyLoss + settings.grpo().beta() * klLoss + (bc.isEmpty() ? 0 : settings.bcCoef() * bcLoss);
    double meanKl = settings.grpo().beta() > 0 ? t.mean(t.klSum, t.responseTokens) : Double.NaN;
    return new StepStats(loss, policyLoss, klLoss, bcLoss, meanKl,
        t.mean(t.clipLow, t.policyTokens), t.mean(t.clipHigh, t.policyTokens), t.mean(t.ratioSum, t.policyTokens),
        t.mean(t.entropySum, t.responseTokens), norm, lr, rl.size(), bc.size(), responseTokens, expertTokens, tokens,
        (System.nanoTime() - start) / 1e9);
  }

  private GrpoLoss.Result rlMicroBatch(List<RlSequence> part, double share) {
    List<Scorer.Pair> pairs = new ArrayList<>();
    List<float[]> old = new ArrayList<>();
    float[] advantages = new float[part.size()];
    boolean[] keep = new boolean[part.size()];
    for (int i = 0; i < part.size(); i++) {
      RlSequence s = part.get(i);
      pairs.add(new Scorer.Pair(s.promptIds(), s.responseIds()));
      old.add(s.oldLogprobs());
      advantages[i] = s.advantage();
      keep[i] = s.keep();
    }
    try (NDManager m = manager.newSubManager()) {
      List<float[]> ref = settings.grpo().beta() > 0 ? referenceScorer.score(m, pairs) : null;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Scorer.TokenLogprobs lp = policyScorer.tokenLogprobs(m, pairs, true);
        // the loss builds its arrays in the manager of the log-probs, which stays open until after backward
        NDManager lm = lp.logprobs().getManager();
        GrpoLoss.Result r = settings.grpo().compute(new GrpoLoss.Batch(lp.logprobs(), rightAligned(lm, old, lp),
            ref == null ? null : rightAligned(lm, ref, lp), lp.mask(), advantages, keep, lp.entropies()));
        gc.backward(r.loss().mul(lm.create((float) share)));
        return r;
      }
    }
  }

  private double bcMicroBatch(List<ExpertSequence> part, double share) {
    boolean withPrompt = settings.bc().includePrompt();
    List<Scorer.Pair> pairs = new ArrayList<>();
    for (ExpertSequence e : part) {
      if (!withPrompt) {
        pairs.add(new Scorer.Pair(e.promptIds(), e.responseIds()));
      } else {
        // every token after the first is a target: the continuation is the rest of the prompt, then the response
        int[] p = e.promptIds();
        int[] rest = new int[p.length - 1 + e.responseIds().length];
        System.arraycopy(p, 1, rest, 0, p.length - 1);
        System.arraycopy(e.responseIds(), 0, rest, p.length - 1, e.responseIds().length);
        pairs.add(new Scorer.Pair(new int[] {p[0]}, rest));
      }
    }
    try (NDManager m = manager.newSubManager();
         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      Scorer.TokenLogprobs lp = policyScorer.tokenLogprobs(m, pairs);
      NDManager lm = lp.logprobs().getManager();
      NDArray responseMask = lp.mask();
      NDArray promptMask = null;
      if (withPrompt) {
        // right-aligned rows: the response is the last responseIds.length columns, the prompt tail before it
        List<float[]> response = new ArrayList<>();
        List<float[]> prompt = new ArrayList<>();
        for (ExpertSequence e : part) {
          float[] r = new float[e.promptIds().length - 1 + e.responseIds().length];
          float[] q = new float[r.length];
          for (int i = 0; i < r.length; i++) {
            if (i < e.promptIds().length - 1) q[i] = 1; else r[i] = 1;
          }
          response.add(r);
          prompt.add(q);
        }
        responseMask = rightAligned(lm, response, lp);
        promptMask = rightAligned(lm, prompt, lp);
      }
      BehaviourCloningLoss.Result r = settings.bc().compute(lp.logprobs(), responseMask, promptMask);
      gc.backward(r.loss().mul(lm.create((float) (settings.bcCoef() * share))));
      return r.nll() * share;
    }
  }

  private static <T> List<T> byLength(List<T> sequences, ToIntFunction<T> length) {
    List<T> sorted = new ArrayList<>(sequences);
    sorted.sort(Comparator.comparingInt(length));
    return sorted;
  }

  private int bcTokens(ExpertSequence e) {
    return e.responseIds().length + (settings.bc().includePrompt() ? e.promptIds().length - 1 : 0);
  }

  private static int tokens(List<RlSequence> part) {
    int n = 0;
    for (RlSequence s : part) n += s.responseIds().length;
    return n;
  }

  /** Per-sequence rows laid out like {@link Scorer.TokenLogprobs}: right-aligned, zero on padding. */
  static NDArray rightAligned(NDManager m, List<float[]> rows, Scorer.TokenLogprobs like) {
    int width = (int) like.logprobs().getShape().get(1);
    float[] flat = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      float[] row = rows.get(i);
      System.arraycopy(row, 0, flat, i * width + width - row.length, row.length);
    }
    return m.create(flat, like.logprobs().getShape());
  }

  /** Micro-batch statistics combined into batch statistics. */
  private static final class RlTotals {
    double policyLoss;
    double klLoss;
    double klSum;
    double entropySum;
    double ratioSum;
    double clipLow;
    double clipHigh;
    int responseTokens;
    int policyTokens;

    void add(GrpoLoss.Result r, double share) {
      policyLoss += r.policyLoss() * share;
      klLoss += r.klLoss() * share;
      if (!Double.isNaN(r.meanKl())) klSum += r.meanKl() * r.responseTokens();
      if (!Double.isNaN(r.entropy())) entropySum += r.entropy() * r.responseTokens();
      ratioSum += r.meanRatio() * r.policyTokens();
      clipLow += r.clipLowFraction() * r.policyTokens();
      clipHigh += r.clipHighFraction() * r.policyTokens();
      responseTokens += r.responseTokens();
      policyTokens += r.policyTokens();
    }

    double mean(double sum, int n) {
      return n == 0 ? Double.NaN : sum / n;
    }
  }

  @Override
  public void close() {
    optimizer.close();
    manager.close();
  }
}
