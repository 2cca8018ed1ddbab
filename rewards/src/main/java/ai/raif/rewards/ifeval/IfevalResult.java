package ai.raif.rewards.ifeval;

import java.util.List;

/** The verdicts for one input row in one {@link FollowMode}: the reference's {@code OutputExample}. */
public record IfevalResult(
    List<String> instructionIds, String prompt, String response, List<Boolean> followed) {
  public IfevalResult {
    instructionIds = List.copyOf(instructionIds);
    followed = List.copyOf(followed);
  }

  /** {@code follow_all_instructions}: true for a row without instructions too, as Python's {@code all([])}. */
  public boolean followedAll() {
    return !followed.contains(false);
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
