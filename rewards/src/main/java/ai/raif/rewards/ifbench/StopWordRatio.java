package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.text.WordCounter;
import java.util.List;

/** {@code ratio:stop_words}: stopwords are at most percentage % of the {@code \w+} words (no words fails). */
record StopWordRatio(double percentage) implements Instruction {
  static final List<String> KWARGS = List.of("percentage");

  static StopWordRatio from(Kwargs kw) {
    return new StopWordRatio(kw.nonNegativeNumber("percentage"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    int words = WordCounter.countWords(response);
    if (words == 0) return false;
    return (double) Stopwords.count(response) / words * 100 <= percentage;
  }
}
