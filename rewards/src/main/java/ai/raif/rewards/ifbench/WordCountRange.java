package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.text.WordCounter;
import java.util.List;

/** {@code count:word_count_range}: min_words <= the number of {@code \w+} words <= max_words. */
record WordCountRange(long min, long max) implements Instruction {
  static final List<String> KWARGS = List.of("min_words", "max_words");

  static WordCountRange from(Kwargs kw) {
    return new WordCountRange(kw.count("min_words"), kw.count("max_words"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    int words = WordCounter.countWords(response);
    return min <= words && words <= max;
  }
}
