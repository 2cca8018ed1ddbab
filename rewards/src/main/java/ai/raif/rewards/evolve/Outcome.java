package ai.raif.rewards.evolve;

import java.util.List;

/**
 * What became of one (seed, variant): a kept prompt, or a drop with its reason. Notes record what happened on the way
 * to a kept prompt ({@code rewrite.applied}, {@code expert.failed_checks}, ...), for the job's counts.
 *
 * @param composition {@code and}, {@code chain}, {@code selection} or {@code complex}
 * @param dropReason null when kept; else {@code unsatisfiable}, {@code invalid_constraint}, {@code teacher_error} or
 *     {@code teacher_bad_output}
 * @param failedIds for {@code unsatisfiable}: the ids the witness could not follow
 */
public record Outcome(String promptId, String composition, EvolvedPrompt prompt, String dropReason, String detail,
    List<String> failedIds, List<String> notes) {
  public static final String UNSATISFIABLE = "unsatisfiable";
  public static final String INVALID_CONSTRAINT = "invalid_constraint";
  public static final String TEACHER_ERROR = "teacher_error";
  public static final String TEACHER_BAD_OUTPUT = "teacher_bad_output";

  public Outcome {
    failedIds = List.copyOf(failedIds);
    notes = List.copyOf(notes);
  }

  static Outcome kept(String composition, EvolvedPrompt prompt, List<String> notes) {
    return new Outcome(prompt.promptId(), composition, prompt, null, null, List.of(), notes);
  }

  static Outcome dropped(String promptId, String composition, String reason, String detail, List<String> failedIds) {
    return new Outcome(promptId, composition, null, reason, detail, failedIds, List.of());
  }

  public boolean isKept() {
    return prompt != null;
  }
}
