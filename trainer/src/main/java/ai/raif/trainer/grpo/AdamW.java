package ai.raif.trainer.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.model.NativeArrays;
import ai.raif.trainer.weights.FloatTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter) with bias correction and decoupled weight decay, updating the parameter arrays in
 * place, with the same arithmetic as {@code torch.optim.AdamW}: {@code p *= 1 - lr·wd}, then
 * {@code p -= lr/(1 - β1^t) · m / (sqrt(v)/sqrt(1 - β2^t) + eps)}. Gradients are the parameters' {@code .grad}, which
 * torch accumulates over backward calls: call {@link #zeroGradients} after each step.
 *
 * <p>Call {@link #step} outside any gradient collector: the updates must not be recorded by autograd. Each
 * parameter's temporaries live in a sub-manager closed once that parameter is updated, so a step needs memory for
 * about one parameter's temporaries beyond the model, its gradients and moments, and memory stays flat over a run.
 * A step uses the gradients as scratch: {@link #zeroGradients} after it.
 */
public final class AdamW implements AutoCloseable {
  /**
   * @param weightDecay decoupled decay per unit of learning rate, applied to matrices only
   * @param maxGradNorm global gradient-norm clip; {@code Double.POSITIVE_INFINITY} switches clipping off
   */
  public record Config(double beta1, double beta2, double eps, double weightDecay, double maxGradNorm) {
    public Config {
      if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
      if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
      if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
      if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
      if (!(maxGradNorm > 0)) throw new IllegalArgumentException("maxGradNorm must be > 0, got " + maxGradNorm);
    }

    /** The reference's settings (§4.4): β = (0.9, 0.95), eps 1e-8, no weight decay, clip at norm 1. */
    public static Config defaults() { return new Config(0.9, 0.95, 1e-8, 0.0, 1.0); }

    public Config withWeightDecay(double wd) { return new Config(beta1, beta2, eps, wd, maxGradNorm); }

    public Config withMaxGradNorm(double n) { return new Config(beta1, beta2, eps, weightDecay, n); }
  }

  /** Optimizer state as plain arrays, one entry per parameter in order, for checkpoints. */
  public record State(long step, List<float[]> firstMoments, List<float[]> secondMoments) {
    public State {
      firstMoments = List.copyOf(firstMoments);
      secondMoments = List.copyOf(secondMoments);
    }
  }

  private final Config config;
  private final List<NDArray> params;
  private final boolean[] decays;
  private final NDManager manager;
  private final NDArray[] firstMoments;
  private final NDArray[] secondMoments;
  private long step;

  /** Moments are zeros in a sub-manager of {@code parent}, released by {@link #close}. */
  public AdamW(List<NDArray> params, Config config, NDManager parent) {
    if (params.isEmpty()) throw new IllegalArgumentException("no parameters to optimize");
    this.config = config;
    this.params = List.copyOf(params);
    this.manager = parent.newSubManager();
    int n = this.params.size();
    decays = new boolean[n];
    firstMoments = new NDArray[n];
    secondMoments = new NDArray[n];
    for (int i = 0; i < n; i++) {
      NDArray p = this.params.get(i);
      if (p.getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException("parameter " + i + " must be float32, got " + p.getDataType());
      }
      // Decay pulls weights toward 0. For matrices that is the intended regulariser; a 1-D norm gain is a scale
      // around 1 (decaying it shrinks activations rather than complexity) and a bias is an offset, so both are
      // exempt, as in GPT-style training recipes.
      decays[i] = p.getShape().dimension() > 1;
      firstMoments[i] = manager.zeros(p.getShape(), DataType.FLOAT32);
      secondMoments[i] = manager.zeros(p.getShape(), DataType.FLOAT32);
    }
  }

  public Config config() { return config; }

  /** Updates applied so far (bias correction uses this). */
  public long steps() { return step; }

  /**
   * Clips the gradients to {@code config.maxGradNorm()} and applies one update at learning rate {@code lr}.
   *
   * @return the global gradient norm before clipping. When it is not finite nothing changes (no parameter, moment or
   *     step count), so one bad batch cannot poison the moments; the caller decides whether to stop.
   */
  public double step(double lr) {
    if (!(lr >= 0 && Double.isFinite(lr))) throw new IllegalArgumentException("lr must be >= 0, got " + lr);
    return GradMode.off(() -> update(lr));
  }

  private double update(double lr) {
    try (NDManager s = manager.newSubManager()) {
      NDArray[] grads = gradients(s);
      double norm = clip(grads, config.maxGradNorm());
      if (!Double.isFinite(norm)) return norm;
      step++;
      double bias1 = 1 - Math.pow(config.beta1(), step);
      double bias2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), step));
      float stepSize = (float) (lr / bias1);
      for (int i = 0; i < grads.length; i++) {
        // One parameter's temporaries at a time, as torch's per-tensor AdamW: keeping those of all parameters to the
        // end of the step held about 4 copies of the model at once (docs/BENCHMARKS.md, "Training").
        try (NDManager t = s.newSubManager()) {
          NDArray g = grads[i];
          NDArray m = firstMoments[i];
          NDArray v = secondMoments[i];
          NDArray p = params.get(i);
          // Only in-place ops on m, v and p; every new array is attached to t. The gradient itself serves as the
          // scratch for g·(1 − β1) (it is zeroed after the step), after its square has been taken.
          v.muli((float) config.beta2()).addi(scoped(g.square(), t).muli((float) (1 - config.beta2())));
          m.muli((float) config.beta1()).addi(g.muli((float) (1 - config.beta1())));
          if (decays[i] && config.weightDecay() > 0) p.muli((float) (1 - lr * config.weightDecay()));
          NDArray denom = scoped(v.sqrt(), t).divi((float) bias2Sqrt).addi((float) config.eps());
          p.subi(scoped(m.mul(stepSize), t).divi(denom));
        }
      }
      return norm;
    }
  }

  /** Scales the gradients in place so that their global L2 norm is at most {@code maxNorm}; returns the norm before. */
  public double clipGradients(double maxNorm) {
    if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
    return GradMode.off(() -> {
      try (NDManager s = manager.newSubManager()) {
        return clip(gradients(s), maxNorm);
      }
    });
  }

  /** Sets every gradient to 0 in place (also clearing NaN/Inf, which multiplying by 0 would keep). */
  public void zeroGradients() {
    GradMode.off(() -> {
      try (NDManager s = manager.newSubManager()) {
        for (NDArray g : gradients(s)) g.set(new NDIndex("..."), 0f);
      }
    });
  }

  private NDArray[] gradients(NDManager s) {
    NDArray[] out = new NDArray[params.size()];
    for (int i = 0; i < out.length; i++) {
      NDArray p = params.get(i);
      if (!p.hasGradient()) throw new IllegalStateException("parameter " + i + " does not require a gradient");
      // A fresh handle on .grad, created in the parameter's manager: move it to the step's manager. DJL returns new
      // zeros for a parameter that took no part in backward, so such a parameter gets a zero-gradient update.
      out[i] = scoped(p.getGradient(), s);
    }
    return out;
  }

  /** Torch's {@code clip_grad_norm_}: scale by {@code maxNorm / (norm + 1e-6)} when that is below 1. */
  private static double clip(NDArray[] grads, double maxNorm) {
    double sumSquares = 0;
    for (NDArray g : grads) {
      try (NDArray square = g.square(); NDArray sum = square.sum()) {
        sumSquares += sum.getFloat();
      }
    }
    double norm = Math.sqrt(sumSquares);
    double scale = maxNorm / (norm + 1e-6);
    if (Double.isFinite(norm) && scale < 1) {
      for (NDArray g : grads) g.muli((float) scale);
    }
    return norm;
  }

  private static NDArray scoped(NDArray a, NDManager s) {
    a.attach(s);
    return a;
  }

  /** The live first-moment arrays, one per parameter in order (for checkpoint writers; do not modify). */
  public List<NDArray> firstMoments() {
    return List.of(firstMoments);
  }

  /** The live second-moment arrays, one per parameter in order (for checkpoint writers; do not modify). */
  public List<NDArray> secondMoments() {
    return List.of(secondMoments);
  }

  /** A copy of the step count and moments. */
  public State state() {
    List<float[]> m = new ArrayList<>();
    List<float[]> v = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      m.add(firstMoments[i].toFloatArray());
      v.add(secondMoments[i].toFloatArray());
    }
    return new State(step, m, v);
  }

  /** Restores a {@link #state()} taken from an optimizer over parameters of the same shapes, in the same order. */
  public void load(State state) {
    load(state.step(), tensors("m", state.firstMoments()), tensors("v", state.secondMoments()));
  }

  /** Flat values shaped like parameter i when the counts match (a mismatch then fails {@link #load}'s check). */
  private List<FloatTensor> tensors(String prefix, List<float[]> values) {
    List<FloatTensor> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      float[] a = values.get(i);
      boolean fits = i < params.size() && a.length == params.get(i).getShape().size();
      out.add(FloatTensor.of(prefix + "." + i, fits ? params.get(i).getShape().getShape() : new long[] {a.length}, a));
    }
    return out;
  }

  /**
   * Restores the step count and the moments, one parameter at a time, from off-heap tensors (a saved trainer state's
   * file mappings): the moments, twice the model's size, never pass through the Java heap. Nothing changes when a
   * count or shape does not match.
   */
  public void load(long steps, List<FloatTensor> first, List<FloatTensor> second) {
    int n = params.size();
    if (steps < 0) throw new IllegalArgumentException("negative step count " + steps);
    if (first.size() != n || second.size() != n) {
      throw new IllegalArgumentException("state holds " + first.size() + "/" + second.size()
          + " moment arrays, this optimizer has " + n + " parameters");
    }
    for (int i = 0; i < n; i++) {
      Shape shape = params.get(i).getShape();
      for (FloatTensor t : List.of(first.get(i), second.get(i))) {
        if (!java.util.Arrays.equals(t.shape(), shape.getShape())) {
          throw new IllegalArgumentException("moment " + i + " has shape " + java.util.Arrays.toString(t.shape())
              + ", parameter " + i + " has shape " + shape);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      NativeArrays.copyInto(firstMoments[i], first.get(i), "first moment " + i);
      NativeArrays.copyInto(secondMoments[i], second.get(i), "second moment " + i);
    }
    step = steps;
  }

  @Override
  public void close() {
    manager.close();
  }
}
