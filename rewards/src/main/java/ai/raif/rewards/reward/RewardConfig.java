package ai.raif.rewards.reward;

/**
 * Reward options.
 *
 * @param fidelity paper intent or released-code behaviour where the two differ (see {@link AccuracyGate})
 * @param layout the tags the policy's template uses
 * @param ifevalSwapArgs reproduce the released code's argument swap (raif-spec §3.5, §9.1): the label JSON is parsed
 *     as the response, so every {@code ifeval} accuracy is −2 and no checker runs
 */
public record RewardConfig(Fidelity fidelity, TagLayout layout, boolean ifevalSwapArgs) {
  public RewardConfig {
    if (fidelity == null || layout == null) throw new IllegalArgumentException("fidelity and layout are required");
  }

  public static RewardConfig paper() {
    return new RewardConfig(Fidelity.PAPER, TagLayout.THINK_ANSWER, false);
  }

  /** Everything the released code does, including its IFEval argument swap. */
  public static RewardConfig codeFaithful() {
    return new RewardConfig(Fidelity.CODE_FAITHFUL, TagLayout.THINK_ANSWER, true);
  }

  public RewardConfig withLayout(TagLayout newLayout) {
    return new RewardConfig(fidelity, newLayout, ifevalSwapArgs);
  }
}
