package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.SentenceSplitter;
import ai.raif.rewards.text.WordTokenizer;
import java.util.List;

/**
 * {@code words:keywords_specific_position}: the m-th word of the n-th Punkt sentence is keyword (ignoring case), where
 * words are the sentence's NLTK word tokens that contain a letter or digit.
 */
record KeywordPosition(String keyword, long n, long m) implements Instruction {
  static final List<String> KWARGS = List.of("keyword", "n", "m");

  static KeywordPosition from(Kwargs kw) {
    String keyword = PyStrings.lower(PythonUnicode.strip(kw.nonEmptyString("keyword")));
    return new KeywordPosition(keyword, positive(kw, "n"), positive(kw, "m"));
  }

  /** The reference draws a random position for 0 and indexes from the end for a negative one. */
  private static long positive(Kwargs kw, String key) {
    long value = kw.count(key);
    if (value == 0) throw kw.invalid(key, "must be >= 1 (the reference would substitute a random value for 0)");
    return value;
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    if (sentences.size() < n) return false;
    List<String> words = WordTokenizer.tokenize(sentences.get((int) n - 1)).stream()
        .filter(token -> token.codePoints().anyMatch(cp -> cp != '_' && PythonUnicode.isWordChar(cp)))
        .toList();
    return words.size() >= m && PyStrings.lower(words.get((int) m - 1)).equals(keyword);
  }
}
