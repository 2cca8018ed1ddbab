package ai.raif.rewards.composition;

import ai.raif.rewards.Constraint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of an instruction-following prompt: its steps and their constraints, plus offline reference scores.
 * RAIF's flat labels (only {@code instruction_id_list}/{@code kwargs} or {@code scoring_questions}) are one And step.
 * The reward counts only the constraints of active steps ({@link #activeRules()}, {@link #activeQuestions()}).
 *
 * @param referenceScores offline counts such as {@code scoring_sum_qwen2.5-7B-Instruct} (constraints a reference
 *     model met without CoT; superior-CoT's per-sample threshold, raif-spec §5.2), keyed by their JSON name
 */
public record CompositeLabel(Composition composition, List<Step> steps, Map<String, Double> referenceScores) {
  public CompositeLabel {
    if (composition == null) throw new IllegalArgumentException("label composition is missing");
    if (steps == null || steps.isEmpty()) throw new IllegalArgumentException("label has no steps");
    steps = List.copyOf(steps);
    referenceScores = referenceScores == null
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(referenceScores));
    for (int i = 0; i < steps.size(); i++) {
      if (!steps.get(i).active() && composition != Composition.SELECTION) {
        throw new IllegalArgumentException("label step " + i + " is inactive, but only selection labels have inactive steps");
      }
    }
    if (steps.stream().noneMatch(Step::active)) throw new IllegalArgumentException("label has no active step");
  }

  /** A RAIF {@code ifeval} label: one And step of rule constraints. */
  public static CompositeLabel ofRules(List<Constraint> rules) {
    return new CompositeLabel(Composition.AND, List.of(new Step(null, true, rules, List.of())), Map.of());
  }

  /** A RAIF {@code complex} label: one And step of judge questions. */
  public static CompositeLabel ofQuestions(List<String> questions) {
    return new CompositeLabel(Composition.AND, List.of(new Step(null, true, List.of(), questions)), Map.of());
  }

  public List<Constraint> activeRules() {
    return steps.stream().filter(Step::active).flatMap(s -> s.rules().stream()).toList();
  }

  public List<String> activeQuestions() {
    return steps.stream().filter(Step::active).flatMap(s -> s.questions().stream()).toList();
  }
}
