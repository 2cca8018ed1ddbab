package ai.raif.rewards.reward;

import ai.raif.rewards.Constraint;

/**
 * The outcome of one constraint. Judge questions are recorded as constraint {@code judge:question} with kwarg
 * {@code question}; the math check as {@code math:equivalent} with kwargs {@code reference} and {@code predicted}.
 *
 * @param outcome INVALID constraints (unknown id, bad kwargs) are the data's fault and do not count towards k/K
 * @param error why the constraint could not be checked (invalid constraint, math time-out), or null
 */
public record ConstraintVerdict(Constraint constraint, Outcome outcome, String error) {
  public enum Outcome {
    PASSED,
    FAILED,
    INVALID
  }

  public ConstraintVerdict {
    if (constraint == null || outcome == null) throw new IllegalArgumentException("verdict needs constraint and outcome");
    if (outcome == Outcome.INVALID && error == null) throw new IllegalArgumentException("an invalid verdict needs an error");
    if (outcome == Outcome.PASSED && error != null) throw new IllegalArgumentException("a passed verdict has no error");
  }

  public static ConstraintVerdict of(Constraint constraint, boolean passed) {
    return new ConstraintVerdict(constraint, passed ? Outcome.PASSED : Outcome.FAILED, null);
  }

  public static ConstraintVerdict invalid(Constraint constraint, String error) {
    return new ConstraintVerdict(constraint, Outcome.INVALID, error);
  }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  /** Whether the verdict counts towards k/K. */
  public boolean checked() {
    return outcome != Outcome.INVALID;
  }
}
