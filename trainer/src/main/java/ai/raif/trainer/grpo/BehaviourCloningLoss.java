package ai.raif.trainer.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Behaviour cloning of expert answers (spec §6): the mean token negative log-likelihood, trained alongside GRPO. The
 * caller applies the coefficient ({@code ptx_coef}, 1 in the reference).
 *
 * <p>By default only the expert's response tokens count, as in the paper's Eq. 8. {@code includePrompt} also counts
 * the prompt tokens, which is what the reference code does (it uses the attention mask as the label mask, §9.10); that
 * spends part of the gradient on imitating prompts the policy never has to write.
 */
public record BehaviourCloningLoss(boolean includePrompt) {
  /** Paper Eq. 8: response tokens only. */
  public static BehaviourCloningLoss responseOnly() { return new BehaviourCloningLoss(false); }

  /** The reference code: prompt and response tokens. */
  public static BehaviourCloningLoss withPrompt() { return new BehaviourCloningLoss(true); }

  /** The loss to back-propagate, its value and the number of tokens averaged over. */
  public record Result(NDArray loss, double nll, int tokens) {}

  /**
   * Mean NLL over the selected tokens of the micro-batch (one token mean over all of them; the reference's micro-batch
   * holds one example, where this is also the per-sequence mean). With no selected token the loss is 0.
   *
   * @param logprobs float32 {@code [B,T]} log-probs of each target token under the policy, with gradient; finite
   *     everywhere
   * @param responseMask 1 where the target is an expert-response token
   * @param promptMask 1 where the target is a prompt token; may be null unless {@code includePrompt}
   */
  public Result compute(NDArray logprobs, NDArray responseMask, NDArray promptMask) {
    Shape shape = logprobs.getShape();
    if (shape.dimension() != 2) throw new IllegalArgumentException("logprobs must be [B,T], got " + shape);
    if (includePrompt && promptMask == null) throw new IllegalArgumentException("includePrompt needs a prompt mask");
    float[] lp = GrpoLoss.values("logprobs", logprobs, shape);
    float[] response = GrpoLoss.values("responseMask", responseMask, shape);
    float[] prompt = includePrompt ? GrpoLoss.values("promptMask", promptMask, shape) : null;
    boolean[] selected = new boolean[lp.length];
    int tokens = 0;
    for (int i = 0; i < lp.length; i++) {
      boolean r = isSet("responseMask", response[i]);
      boolean p = prompt != null && isSet("promptMask", prompt[i]);
      if (r && p) throw new IllegalArgumentException("token " + i + " is in both the prompt and the response mask");
      selected[i] = r || p;
      if (selected[i]) tokens++;
    }
    double nll = 0;
    float[] weight = new float[lp.length];
    for (int i = 0; i < lp.length; i++) {
      if (!selected[i]) continue;
      weight[i] = 1f / tokens;
      nll -= (double) lp[i] / tokens;
    }
    NDManager m = logprobs.getManager();
    NDArray loss = logprobs.mul(m.create(weight, shape)).sum().neg();
    return new Result(loss, nll, tokens);
  }

  private static boolean isSet(String name, float v) {
    if (v != 0 && v != 1) throw new IllegalArgumentException(name + " must be 0/1, got " + v);
    return v == 1;
  }
}
