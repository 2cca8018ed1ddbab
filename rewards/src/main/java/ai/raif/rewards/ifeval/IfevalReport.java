package ai.raif.rewards.ifeval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Accuracies of one {@link FollowMode} over a result set, as evaluation_lib's {@code print_report} computes them:
 * prompt level (all instructions of a row followed), instruction level (micro-average over all instructions), and the
 * same per category (the id before ":") and per instruction id.
 */
public record IfevalReport(
    Tally prompts, Tally instructions, SortedMap<String, Tally> byCategory, SortedMap<String, Tally> byInstruction) {

  public static IfevalReport of(List<IfevalResult> results) {
    Tally prompts = Tally.EMPTY;
    Tally instructions = Tally.EMPTY;
    SortedMap<String, Tally> byCategory = new TreeMap<>();
    SortedMap<String, Tally> byInstruction = new TreeMap<>();
    for (IfevalResult r : results) {
      prompts = prompts.plus(r.followedAll());
      for (int i = 0; i < r.instructionIds().size(); i++) {
        String id = r.instructionIds().get(i);
        boolean followed = r.followed().get(i);
        instructions = instructions.plus(followed);
        byCategory.merge(id.split(":", -1)[0], Tally.EMPTY.plus(followed), Tally::add);
        byInstruction.merge(id, Tally.EMPTY.plus(followed), Tally::add);
      }
    }
    return new IfevalReport(prompts, instructions, Collections.unmodifiableSortedMap(byCategory),
        Collections.unmodifiableSortedMap(byInstruction));
  }

  public double promptLevel() {
    return prompts.accuracy();
  }

  public double instructionLevel() {
    return instructions.accuracy();
  }

  /** The lines {@code print_report} prints, each ending with a newline. */
  public String format() {
    StringBuilder b = new StringBuilder();
    b.append("prompt-level: ").append(PyFloat.repr(promptLevel())).append('\n');
    b.append("instruction-level: ").append(PyFloat.repr(instructionLevel())).append('\n');
    b.append('\n');
    appendAccuracies(b, byCategory);
    b.append('\n');
    appendAccuracies(b, byInstruction);
    return b.toString();
  }

  private static void appendAccuracies(StringBuilder b, Map<String, Tally> tallies) {
    tallies.forEach((id, t) -> b.append(id).append(' ').append(PyFloat.repr(t.accuracy())).append('\n'));
  }
}
