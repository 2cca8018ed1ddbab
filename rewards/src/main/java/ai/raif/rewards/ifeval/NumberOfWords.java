package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.WordCounter;
import java.util.List;

/**
 * {@code length_constraints:number_words}: the number of {@code \w+} tokens (IFEval's {@code count_words}: "don't" is
 * two words, "snake_case" one), compared with the relation.
 */
record NumberOfWords(long words, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("num_words", "relation");

  static NumberOfWords from(Kwargs kw) {
    return new NumberOfWords(kw.count("num_words"), kw.relation("relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return relation.holds(WordCounter.countWords(response), words);
  }
}
