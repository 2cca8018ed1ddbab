package ai.raif.rewards.reward;

import java.io.Serializable;

/**
 * Reward options.
 *
 * @param fidelity paper intent or released-code behaviour where the two differ (see {@link AccuracyGate})
 * @param layout the tags the policy's template uses
 * @param ifevalSwapArgs reproduce the released code's argument swap (raif-spec §3.5, §9.1): the label JSON is parsed
 *     as the response, so every {@code ifeval} accuracy is −2 and no checker runs
 * @param substance answers that copy the request or are too short are gated (our addition, not RAIF's; off in both
 *     presets)
 */
public record RewardConfig(Fidelity fidelity, TagLayout layout, boolean ifevalSwapArgs, AnswerSubstance substance)
    implements Serializable {
  public RewardConfig {
    if (fidelity == null || layout == null || substance == null) {
      throw new IllegalArgumentException("fidelity, layout and substance are required");
    }
  }

  public RewardConfig(Fidelity fidelity, TagLayout layout, boolean ifevalSwapArgs) {
    this(fidelity, layout, ifevalSwapArgs, AnswerSubstance.OFF);
  }

  public static RewardConfig paper() {
    return new RewardConfig(Fidelity.PAPER, TagLayout.THINK_ANSWER, false);
  }

  /** Everything the released code does, including its IFEval argument swap. */
  public static RewardConfig codeFaithful() {
    return new RewardConfig(Fidelity.CODE_FAITHFUL, TagLayout.THINK_ANSWER, true);
  }

  public static RewardConfig of(Fidelity fidelity) {
    return fidelity == Fidelity.PAPER ? paper() : codeFaithful();
  }

  public RewardConfig withLayout(TagLayout newLayout) {
    return new RewardConfig(fidelity, newLayout, ifevalSwapArgs, substance);
  }

  public RewardConfig withSubstance(AnswerSubstance newSubstance) {
    return new RewardConfig(fidelity, layout, ifevalSwapArgs, newSubstance);
  }
}
