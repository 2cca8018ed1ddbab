package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code words:repeats}: no word (lower-cased, punctuation removed) occurs more than small_n times. */
record WordRepeats(long max) implements Instruction {
  static final List<String> KWARGS = List.of("small_n");

  static WordRepeats from(Kwargs kw) {
    return new WordRepeats(kw.count("small_n"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    Map<String, Integer> counts = new HashMap<>();
    for (String word : Py.words(Py.withoutPunctuation(PyStrings.lower(response)))) {
      if (counts.merge(word, 1, Integer::sum) > max) return false;
    }
    return true;
  }
}
