package ai.raif.rewards.ifeval;

import java.util.Collections;
import java.util.List;

/**
 * The verdicts for one input row in one {@link FollowMode}: the reference's {@code OutputExample}. {@code answered} is
 * false for IFBench's {@code empty_output}, the result of a prompt without response.
 */
public record IfevalResult(
    List<String> instructionIds, String prompt, String response, List<Boolean> followed, boolean answered) {
  public IfevalResult {
    instructionIds = List.copyOf(instructionIds);
    followed = List.copyOf(followed);
  }

  public IfevalResult(List<String> instructionIds, String prompt, String response, List<Boolean> followed) {
    this(instructionIds, prompt, response, followed, true);
  }

  /** IFBench's {@code empty_output}: response "", no instruction followed, and not followed as a whole either. */
  static IfevalResult unanswered(IfevalInput input) {
    List<Boolean> none = Collections.nCopies(input.instructionIds().size(), false);
    return new IfevalResult(input.instructionIds(), input.prompt(), "", none, false);
  }

  /**
   * {@code follow_all_instructions}: true for an answered row without instructions too, as Python's {@code all([])};
   * always false for an unanswered one.
   */
  public boolean followedAll() {
    return answered && !followed.contains(false);
  }

  /** The row as a line of {@code eval_results_*.jsonl} (without the newline), byte for byte as the reference. */
  public String toJsonLine() {
    // Keys in dir(OutputExample) order, i.e. alphabetical.
    return new PyJsonWriter().beginObject()
        .name("follow_all_instructions").value(followedAll())
        .name("follow_instruction_list").booleans(followed)
        .name("instruction_id_list").strings(instructionIds)
        .name("prompt").value(prompt)
        .name("response").value(response)
        .endObject().toString();
  }
}
