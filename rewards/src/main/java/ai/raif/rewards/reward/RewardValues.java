package ai.raif.rewards.reward;

/** The reward constants of RAIF (paper Eq. 4–6; raif-spec §3.4d, §3.6, §3.7). */
public final class RewardValues {
  public static final double FORMAT_OK = 1.0;
  public static final double FORMAT_BAD = -1.0;
  public static final double ALL_PASS = 2.0;
  public static final double NONE_PASS = -2.0;
  /** Accuracy of a response that the gate does not score. */
  public static final double GATED = -2.0;
  public static final double MATH_CORRECT = 2.0;
  public static final double MATH_WRONG = -1.5;
  /** Overrides the math accuracy when the output has no box at all. */
  public static final double MATH_NO_BOX = -2.0;

  private RewardValues() {}

  /** All pass → +2, none → −2, otherwise the plain fraction k/K (not scaled by 2, as in the reference). */
  public static double constraintAccuracy(long passed, long checked) {
    if (checked <= 0 || passed < 0 || passed > checked) {
      throw new IllegalArgumentException("need 0 <= passed <= checked and checked > 0, got " + passed + "/" + checked);
    }
    if (passed == checked) return ALL_PASS;
    if (passed == 0) return NONE_PASS;
    return (double) passed / checked;
  }
}
