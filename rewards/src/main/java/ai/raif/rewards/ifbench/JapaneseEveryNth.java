package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.List;

/**
 * {@code count:words_japanese}: every N-th whitespace word (punctuation stripped from its ends) holds a kana or CJK
 * character (U+3040-U+30FF, U+4E00-U+9FFF); words left empty and all-digit words are exempt.
 */
record JapaneseEveryNth(long n) implements Instruction {
  static final List<String> KWARGS = List.of("N");

  static JapaneseEveryNth from(Kwargs kw) {
    long n = kw.count("N");
    if (n == 0) throw kw.invalid("N", "must be >= 1 (the reference divides by it)");
    return new JapaneseEveryNth(n);
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> words = Py.words(response);
    for (long i = n - 1; i < words.size(); i += n) {
      String word = Py.stripPunctuation(words.get((int) i));
      if (!word.isEmpty() && !PyStrings.isDigit(word) && !hasJapanese(word)) return false;
    }
    return true;
  }

  private static boolean hasJapanese(String word) {
    return word.chars().anyMatch(c -> c >= 0x3040 && c <= 0x30FF || c >= 0x4E00 && c <= 0x9FFF);
  }
}
