package ai.raif.rewards;

/**
 * Decides whether a response follows one constraint. Implementations are pure and thread-safe.
 * {@code prompt} is the instruction text (a few IFEval checks, e.g. repeat_prompt, read it).
 */
public interface ConstraintChecker {
  /** @throws InvalidConstraintException when the id is unknown or a kwarg is missing or ill-typed. */
  boolean check(Constraint constraint, String prompt, String response);
}
