package ai.raif.rewards.ifeval;

/**
 * One IFEval instruction with its kwargs already validated: the Java counterpart of the reference's
 * {@code check_following}. Implementations are immutable, thread-safe and never throw on any response text.
 */
@FunctionalInterface
public interface Instruction {
  /** Whether {@code response} follows the instruction, exactly as the reference's {@code check_following(response)}. */
  boolean isFollowedBy(String response);
}
