package ai.raif.rewards.math;

/**
 * The math check of one response.
 *
 * @param answer the extracted final answer
 * @param equal whether it is equivalent to the reference (false when the check timed out)
 * @param timedOut whether the check ran past its time bound
 */
public record MathVerdict(MathAnswer answer, boolean equal, boolean timedOut) {
  public MathVerdict {
    if (answer == null) throw new IllegalArgumentException("math verdict without answer");
    if (equal && timedOut) throw new IllegalArgumentException("a timed-out check cannot be equal");
  }
}
