package ai.raif.rewards.reward;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ConstraintChecker;
import ai.raif.rewards.InvalidConstraintException;
import java.util.Map;

/**
 * A stand-in for the IFEval checkers: {@code fake:contains} passes when the response contains kwarg {@code word};
 * every other id, or a missing word, is an invalid constraint.
 */
final class FakeChecker implements ConstraintChecker {
  static final String CONTAINS = "fake:contains";

  static Constraint contains(String word) {
    return new Constraint(CONTAINS, Map.of("word", word));
  }

  @Override
  public boolean check(Constraint constraint, String prompt, String response) {
    if (!constraint.id().equals(CONTAINS)) throw new InvalidConstraintException(constraint.id(), null, "unknown id");
    Object word = constraint.kwargs().get("word");
    if (!(word instanceof String w)) throw new InvalidConstraintException(constraint.id(), "word", "missing");
    return response.contains(w);
  }
}
