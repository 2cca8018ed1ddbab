package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * IFEval's two ways of judging a response ({@code test_instruction_following_strict} / {@code _loose}): an
 * instruction is followed when some non-blank candidate text passes its check.
 */
public enum FollowMode {
  /** The response itself is the only candidate. */
  STRICT("eval_results_strict"),
  /**
   * Eight candidates, in the reference's order: the response; the response without {@code *}; without its first
   * line, without its last line, without both (each stripped); and those three without {@code *}. Lines are split on
   * {@code "\n"} only.
   */
  LOOSE("eval_results_loose");

  private final String resultsName;

  FollowMode(String resultsName) {
    this.resultsName = resultsName;
  }

  /** The reference's name for this mode's results file, without the {@code .jsonl} extension. */
  public String resultsName() {
    return resultsName;
  }

  /** The texts tried for {@code response}; blank ones are kept here and skipped by {@link #follows}. */
  public List<String> candidates(String response) {
    if (this == STRICT) return List.of(response);
    // "\n".join(lines[1:]), lines[:-1] and lines[1:-1] of response.split("\n"), without splitting: the text after
    // the first newline, before the last one, and between the two (nothing when there are fewer than two).
    int first = response.indexOf('\n');
    int last = response.lastIndexOf('\n');
    String withoutFirst = first < 0 ? "" : PythonUnicode.strip(response.substring(first + 1));
    String withoutLast = last < 0 ? "" : PythonUnicode.strip(response.substring(0, last));
    String withoutBoth = first == last ? "" : PythonUnicode.strip(response.substring(first + 1, last));
    return List.of(response, response.replace("*", ""), withoutFirst, withoutLast, withoutBoth,
        withoutFirst.replace("*", ""), withoutLast.replace("*", ""), withoutBoth.replace("*", ""));
  }

  /** Whether some non-blank candidate for {@code response} follows the instruction. */
  public boolean follows(Instruction instruction, String response) {
    return follows(instruction, candidates(response));
  }

  /** As {@link #follows(Instruction, String)} with candidates computed once for several instructions. */
  static boolean follows(Instruction instruction, List<String> candidates) {
    for (int i = 0; i < candidates.size(); i++) {
      String candidate = candidates.get(i);
      // A candidate equal to an earlier one is not checked again: instructions are pure functions of the text, so it
      // would fail as that one did (a response without "*" or with a single line repeats most of its candidates).
      if (!PyStrings.isBlank(candidate) && !repeatsEarlier(candidates, i) && instruction.isFollowedBy(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean repeatsEarlier(List<String> candidates, int index) {
    String candidate = candidates.get(index);
    for (int j = 0; j < index; j++) {
      if (candidates.get(j).equals(candidate)) return true;
    }
    return false;
  }
}
