package ai.raif.trainer.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * GRPO's objective for one micro-batch (spec §4.3): the PPO-clipped surrogate with one advantage per sequence, plus
 * {@code beta} times a KL estimate against the frozen reference model.
 *
 * <p>Per response token t of sequence i, with ρ = exp(logπ − logπ_old):
 * ℓ = −min(ρ·A_i, clip(ρ, 1 − epsLow, 1 + epsHigh)·A_i), and the KL estimate of {@link KlEstimator}.
 * A wider {@code epsHigh} is DAPO's "clip-higher". The total is
 * {@code aggregate(ℓ · keep) + beta · aggregate(KL · (keep or klOnDropped))}.
 *
 * <p>Dropped sequences ({@code keep = false}, the superior-CoT filter of §5) are zeroed, not removed: they still count
 * in the denominators, exactly as the reference multiplies their log-ratio by 0 (§9.11). A caller that wants them gone
 * (DAPO's dynamic sampling) leaves them out of the batch.
 *
 * <p>Everything on the gradient path is built from arrays that stay open in the manager of the policy log-probs until
 * that manager closes, after backward; never the {@code Number} overloads, whose scalars are freed before backward
 * reads them (stack-notes §3). The logged statistics are computed in plain Java from copies, off the graph.
 */
public record GrpoLoss(double epsLow, double epsHigh, KlEstimator kl, double beta, Aggregation aggregation,
                       boolean klOnDropped) {
  /** Estimators of KL(π‖π_ref) from samples of π, with d = logπ − logπ_ref (Schulman's k1/k2/k3). */
  public enum KlEstimator {
    /** d: unbiased, but negative on some tokens. */
    K1,
    /** ½d²: biased, always ≥ 0. */
    K2,
    /** exp(−d) + d − 1: unbiased and always ≥ 0; the paper's Eq. 3 and the reference's choice. */
    K3;

    double value(double d) {
      return switch (this) {
        case K1 -> d;
        case K2 -> 0.5 * d * d;
        case K3 -> Math.exp(-d) + d - 1;
      };
    }
  }

  /** How per-token terms become one number. */
  public enum Aggregation {
    /** Token mean within each sequence, then mean over sequences: every sequence weighs the same (paper, reference). */
    SEQUENCE_MEAN,
    /** Sum over all tokens divided by the number of tokens: long responses weigh more (DAPO, TRL's token-level loss). */
    TOKEN_MEAN
  }

  public GrpoLoss {
    if (!(epsLow >= 0 && epsLow < 1)) throw new IllegalArgumentException("epsLow must be in [0, 1), got " + epsLow);
    if (!(epsHigh >= 0 && Double.isFinite(epsHigh))) {
      throw new IllegalArgumentException("epsHigh must be finite and >= 0, got " + epsHigh);
    }
    if (!(beta >= 0 && Double.isFinite(beta))) throw new IllegalArgumentException("beta must be >= 0, got " + beta);
    if (kl == null) throw new IllegalArgumentException("kl estimator is null");
    if (aggregation == null) throw new IllegalArgumentException("aggregation is null");
  }

  /** The paper's and reference's settings: ε = 0.2 both sides, k3 with β = 0.001, sequence mean, KL on dropped. */
  public static GrpoLoss defaults() {
    return new GrpoLoss(0.2, 0.2, KlEstimator.K3, 0.001, Aggregation.SEQUENCE_MEAN, true);
  }

  public GrpoLoss withEpsHigh(double e) { return new GrpoLoss(epsLow, e, kl, beta, aggregation, klOnDropped); }

  /** {@code beta == 0} leaves the reference model out entirely. */
  public GrpoLoss withKl(KlEstimator k, double b) { return new GrpoLoss(epsLow, epsHigh, k, b, aggregation, klOnDropped); }

  public GrpoLoss withAggregation(Aggregation a) { return new GrpoLoss(epsLow, epsHigh, kl, beta, a, klOnDropped); }

  public GrpoLoss withKlOnDropped(boolean k) { return new GrpoLoss(epsLow, epsHigh, kl, beta, aggregation, k); }

  /**
   * One micro-batch of B sequences by T response positions. Per-token arrays are float32 {@code [B,T]} and must be
   * finite everywhere, padding included (0 there is fine, as {@code Scorer} gives): a masked token is weighted by 0,
   * and 0 times NaN would still poison the loss.
   *
   * @param logprobs log-probs of the sampled tokens under the policy being trained, with gradient
   * @param oldLogprobs the same under the policy that generated them (rollout time), no gradient
   * @param refLogprobs the same under the frozen reference; may be null when {@code beta == 0}
   * @param mask 1 on response tokens up to and including the first EOS, 0 on padding
   * @param advantages one advantage per sequence, {@code [B]}
   * @param keep whether each sequence contributes a policy-gradient term
   * @param entropies per-token policy entropies for logging only; may be null
   */
  public record Batch(NDArray logprobs, NDArray oldLogprobs, NDArray refLogprobs, NDArray mask, float[] advantages,
                      boolean[] keep, NDArray entropies) {
    public Batch {
      if (logprobs == null || oldLogprobs == null || mask == null || advantages == null || keep == null) {
        throw new IllegalArgumentException("logprobs, oldLogprobs, mask, advantages and keep are required");
      }
    }

    /** Every sequence kept, no entropies. */
    public Batch(NDArray logprobs, NDArray oldLogprobs, NDArray refLogprobs, NDArray mask, float[] advantages) {
      this(logprobs, oldLogprobs, refLogprobs, mask, advantages, allTrue(advantages.length), null);
    }

    private static boolean[] allTrue(int n) {
      boolean[] b = new boolean[n];
      java.util.Arrays.fill(b, true);
      return b;
    }
  }

  /**
   * The scalar loss to back-propagate ({@code policyLoss + beta * klLoss}) and statistics without gradient.
   *
   * @param policyLoss the aggregated clipped surrogate
   * @param klLoss the aggregated KL term before {@code beta}; 0 when the reference is skipped
   * @param meanKl token mean of the KL estimate over all response tokens, kept or not; NaN without reference log-probs
   * @param clipLowFraction share of policy tokens where the lower clip binds (ρ &lt; 1 − epsLow and A &lt; 0)
   * @param clipHighFraction share of policy tokens where the upper clip binds (ρ &gt; 1 + epsHigh and A &gt; 0)
   * @param meanRatio token mean of ρ over policy tokens
   * @param entropy token mean of the given entropies over response tokens; NaN when none were given
   * @param policyTokens response tokens of kept sequences (the denominators of the policy statistics; when 0 those
   *     statistics are 0, so weight them by this count when averaging over micro-batches)
   * @param responseTokens all response tokens in the micro-batch
   */
  public record Result(NDArray loss, double policyLoss, double klLoss, double meanKl, double clipLowFraction,
                       double clipHighFraction, double meanRatio, double entropy, int policyTokens,
                       int responseTokens) {}

  /** Builds the loss; new arrays are created in, and intermediate results attach to, the manager of the log-probs. */
  public Result compute(Batch in) {
    Shape shape = in.logprobs().getShape();
    if (shape.dimension() != 2) throw new IllegalArgumentException("logprobs must be [B,T], got " + shape);
    int b = (int) shape.get(0);
    int t = (int) shape.get(1);
    boolean useRef = beta > 0;
    if (useRef && in.refLogprobs() == null) {
      throw new IllegalArgumentException("beta = " + beta + " needs reference log-probs (use beta 0 to skip them)");
    }
    float[] lp = values("logprobs", in.logprobs(), shape);
    float[] old = values("oldLogprobs", in.oldLogprobs(), shape);
    float[] ref = in.refLogprobs() == null ? null : values("refLogprobs", in.refLogprobs(), shape);
    float[] mask = values("mask", in.mask(), shape);
    float[] ent = in.entropies() == null ? null : values("entropies", in.entropies(), shape);
    if (in.advantages().length != b || in.keep().length != b) {
      throw new IllegalArgumentException("advantages and keep need one entry per sequence (" + b + "), got "
          + in.advantages().length + " and " + in.keep().length);
    }
    for (int i = 0; i < b; i++) {
      if (!Float.isFinite(in.advantages()[i])) {
        throw new IllegalArgumentException("advantage " + i + " is not finite: " + in.advantages()[i]);
      }
    }

    int[] lengths = new int[b];
    int responseTokens = 0;
    for (int i = 0; i < b * t; i++) {
      if (mask[i] != 0 && mask[i] != 1) throw new IllegalArgumentException("mask must be 0/1, got " + mask[i]);
      if (mask[i] == 1) {
        lengths[i / t]++;
        responseTokens++;
      }
    }
    // The aggregation is a fixed weight per token, so both terms are plain weighted sums of per-token values.
    float[] pgWeight = new float[b * t];
    float[] klWeight = new float[b * t];
    float[] pgLive = new float[b * t];
    float[] klLive = new float[b * t];
    double policyLoss = 0;
    double klLoss = 0;
    double klSum = 0;
    double ratioSum = 0;
    double entropySum = 0;
    int policyTokens = 0;
    int clipLow = 0;
    int clipHigh = 0;
    for (int i = 0; i < b; i++) {
      double w = aggregation == Aggregation.SEQUENCE_MEAN
          ? 1.0 / ((double) b * Math.max(lengths[i], 1))
          : 1.0 / Math.max(responseTokens, 1);
      double a = in.advantages()[i];
      boolean keep = in.keep()[i];
      boolean klHere = keep || klOnDropped;
      for (int j = i * t; j < (i + 1) * t; j++) {
        if (mask[j] == 0) continue;
        if (ent != null) entropySum += ent[j];
        if (ref != null) {
          double k = kl.value((double) lp[j] - ref[j]);
          klSum += k;
          if (useRef && klHere) klLoss += w * k;
        }
        if (useRef && klHere) {
          klLive[j] = 1;
          klWeight[j] = (float) (beta * w);
        }
        if (!keep) continue;
        pgLive[j] = 1;
        pgWeight[j] = (float) w;
        double ratio = Math.exp((double) lp[j] - old[j]);
        double clipped = Math.min(Math.max(ratio, 1 - epsLow), 1 + epsHigh);
        policyLoss += w * -Math.min(ratio * a, clipped * a);
        ratioSum += ratio;
        policyTokens++;
        if (ratio < 1 - epsLow && a < 0) clipLow++;
        if (ratio > 1 + epsHigh && a > 0) clipHigh++;
      }
    }

    NDArray policy = in.logprobs();
    NDManager m = policy.getManager();
    NDArray adv = m.create(in.advantages(), new Shape(b, 1));
    NDArray lo = m.create((float) (1 - epsLow));
    NDArray hi = m.create((float) (1 + epsHigh));
    // Zeroing the log-ratio off the policy tokens (as the reference does for dropped sequences) makes ρ = 1 there, so
    // exp cannot overflow on padding and those tokens carry no gradient even before their weight of 0.
    NDArray ratio = policy.sub(in.oldLogprobs()).mul(m.create(pgLive, shape)).exp();
    NDArray clipped = ratio.maximum(lo).minimum(hi);
    NDArray surrogate = ratio.mul(adv).minimum(clipped.mul(adv)).neg();
    NDArray loss = surrogate.mul(m.create(pgWeight, shape)).sum();
    if (useRef) {
      NDArray d = policy.sub(in.refLogprobs()).mul(m.create(klLive, shape));
      NDArray perToken = switch (kl) {
        case K1 -> d;
        case K2 -> d.square().mul(m.create(0.5f));
        case K3 -> d.neg().exp().add(d).sub(m.create(1f));
      };
      loss = loss.add(perToken.mul(m.create(klWeight, shape)).sum());
    }
    return new Result(loss, policyLoss, useRef ? klLoss : 0, ref == null ? Double.NaN : mean(klSum, responseTokens),
        mean(clipLow, policyTokens), mean(clipHigh, policyTokens), mean(ratioSum, policyTokens),
        ent == null ? Double.NaN : mean(entropySum, responseTokens), policyTokens, responseTokens);
  }

  private static double mean(double sum, int n) {
    return n == 0 ? 0 : sum / n;
  }

  /** A copy of a float32 {@code [B,T]} array, checked for shape and finiteness. */
  static float[] values(String name, NDArray a, Shape shape) {
    if (!a.getShape().equals(shape)) {
      throw new IllegalArgumentException(name + " has shape " + a.getShape() + ", expected " + shape);
    }
    if (a.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(name + " must be float32, got " + a.getDataType());
    }
    float[] v = a.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " is not finite at [" + i / shape.get(1) + "," + i % shape.get(1)
            + "]: " + v[i]);
      }
    }
    return v;
  }
}
