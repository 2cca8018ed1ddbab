package ai.raif.rewards.reward;

/**
 * Which behaviour to follow where the RAIF paper and its released code disagree (raif-spec §9–10).
 * {@code PAPER} is the default; {@code CODE_FAITHFUL} reproduces the released numbers.
 */
public enum Fidelity {
  PAPER,
  CODE_FAITHFUL
}
