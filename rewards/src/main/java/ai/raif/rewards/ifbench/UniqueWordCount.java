package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code count:unique_word_count}: at least N distinct lower-cased whitespace words once punctuation is stripped
 * from their ends (a word of punctuation only counts as the empty word).
 */
record UniqueWordCount(long n) implements Instruction {
  static final List<String> KWARGS = List.of("N");

  static UniqueWordCount from(Kwargs kw) {
    return new UniqueWordCount(kw.count("N"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    Set<String> unique = new HashSet<>();
    for (String word : Py.words(PyStrings.lower(response))) unique.add(Py.stripPunctuation(word));
    return unique.size() >= n;
  }
}
