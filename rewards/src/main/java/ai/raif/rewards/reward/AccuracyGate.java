package ai.raif.rewards.reward;

import java.util.Locale;

/**
 * Decides whether a response is scored for accuracy at all (raif-spec §3.3); a gated response gets −2.
 * Rule and judge tasks need a correct format and a non-empty answer. Reasoning rollouts also need a non-empty think
 * that is not the system prompt's placeholder. The released code applies that think requirement to direct
 * rollouts too, so every direct response gets −2 and the online superior-CoT contrast never fires (§5.2); in
 * {@code PAPER} mode a direct rollout is scored on its answer alone (§5.3). Math is never gated (§3.6).
 *
 * <p>Direct rollouts keep the full four-tag format check: the empty think block forced into the prompt supplies the
 * think tags ({@link PolicyOutput#of}), so a direct response passes exactly when its answer tags are right, and one
 * that opens a second think block to reason anyway fails.
 */
public final class AccuracyGate {
  /** The literal reasoning placeholder of RAIF's system prompt; copying it is not reasoning. */
  static final String PLACEHOLDER_THINK = "reasoning process here";

  private AccuracyGate() {}

  public static boolean admits(ResponseParts parts, RewardTask task, RolloutMode mode, Fidelity fidelity) {
    if (task.kind() == TaskKind.MATH) return true;
    if (!parts.formatOk() || parts.answer() == null || parts.answer().isEmpty()) return false;
    if (task.ignoreFormat()) return true;
    boolean needsThink = mode == RolloutMode.THINK || fidelity == Fidelity.CODE_FAITHFUL;
    return !needsThink || realThink(parts.think(), task.kind(), fidelity);
  }

  private static boolean realThink(String think, TaskKind kind, Fidelity fidelity) {
    if (think == null || think.isEmpty()) return false;
    // the released IFEval path compares lower-cased, the judge path exactly; the paper intent is case-insensitive
    boolean exact = fidelity == Fidelity.CODE_FAITHFUL && kind == TaskKind.COMPLEX;
    return exact ? !think.equals(PLACEHOLDER_THINK) : !think.toLowerCase(Locale.ROOT).equals(PLACEHOLDER_THINK);
  }
}
