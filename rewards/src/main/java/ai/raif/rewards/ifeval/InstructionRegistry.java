package ai.raif.rewards.ifeval;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;

/** A registry of instruction ids, such as IFEval's or IFBench's: turns a constraint into its checker. */
@FunctionalInterface
public interface InstructionRegistry {
  /**
   * Validates the constraint's kwargs and returns its checker.
   *
   * @throws InvalidConstraintException for an unknown or unsupported id, or a kwarg that is missing, ill-typed, out
   *     of range or not accepted by the instruction; the message names the id and the kwarg
   */
  Instruction bind(Constraint constraint);
}
