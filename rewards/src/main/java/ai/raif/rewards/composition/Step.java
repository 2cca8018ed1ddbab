package ai.raif.rewards.composition;

import ai.raif.rewards.Constraint;
import java.util.List;

/**
 * One sub-instruction (And), stage (Chain) or branch (Selection) of a composite instruction, with the constraints that
 * verify it: rule constraints (IFEval ids + kwargs) and/or YES/NO scoring questions for a judge. A step may be empty
 * (RAIF data has labels with empty lists); the reward reports a label without active constraints as an error.
 *
 * @param name optional human-readable description (e.g. the branch condition), may be null
 * @param active whether the constraints of this step apply to the response; only Selection has inactive steps
 */
public record Step(String name, boolean active, List<Constraint> rules, List<String> questions) {
  public Step {
    rules = rules == null ? List.of() : List.copyOf(rules);
    questions = questions == null ? List.of() : List.copyOf(questions);
    for (String q : questions) {
      if (q == null || q.isBlank()) throw new IllegalArgumentException("step '" + name + "': blank scoring question");
    }
  }
}
