package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code count:keywords_multiple}: keyword1..keyword5 (stripped) occur exactly 1, 2, 3, 5 and 7 times, counted
 * case-insensitively as non-overlapping substrings ("cat" counts in "concatenate").
 */
record KeywordsMultiple(List<String> keywords) implements Instruction {
  static final List<String> KWARGS = List.of("keyword1", "keyword2", "keyword3", "keyword4", "keyword5");
  private static final int[] COUNTS = {1, 2, 3, 5, 7};

  static KeywordsMultiple from(Kwargs kw) {
    return new KeywordsMultiple(
        KWARGS.stream().map(key -> PyStrings.lower(PythonUnicode.strip(kw.string(key)))).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    String text = PyStrings.lower(response);
    for (int i = 0; i < COUNTS.length; i++) {
      if (PyStrings.count(text, keywords.get(i)) != COUNTS[i]) return false;
    }
    return true;
  }
}
