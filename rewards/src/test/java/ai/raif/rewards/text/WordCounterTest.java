package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** IFEval's count_words: runs of Python re's \w. */
class WordCounterTest {

  @Test
  void punctuationSplitsWordsAndUnderscoreJoinsThem() {
    assertEquals(8, WordCounter.countWords("Don't stop-believing, it's 3.14!"));
    assertEquals(1, WordCounter.countWords("snake_case"));
    assertEquals(0, WordCounter.countWords("... --- !!!"));
  }

  @Test
  void lettersAndNumbersOfEveryScriptCount() {
    assertEquals(3, WordCounter.countWords("Привет мир 你好"));
    assertEquals(2, WordCounter.countWords("x² ½"), "No (other numbers) are \\w in Python re");
    assertEquals(1, WordCounter.countWords("\uD835\uDC00\uD835\uDC01"), "supplementary letters form one word");
  }

  @Test
  void combiningMarksBreakWordsAsInPythonRe() {
    // Devanagari vowel signs and virama are Mn/Mc, not \w for the stdlib re (NLTK 3.10's regex engine would say 2)
    assertEquals(5, WordCounter.countWords("हिन्दी भाषा"));
    assertEquals(2, WordCounter.countWords("a\u200db"), "ZERO WIDTH JOINER is not \\w");
  }

  @Test
  void emptyIsZeroAndNullIsRejected() {
    assertEquals(0, WordCounter.countWords(""));
    assertThrows(NullPointerException.class, () -> WordCounter.countWords(null));
  }
}
