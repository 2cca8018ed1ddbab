package ai.raif.rewards.text;

import java.util.List;
import java.util.Objects;

/**
 * IFEval's {@code count_words}: the number of matches of {@code \w+}, i.e. maximal runs of Python word characters
 * (letters, digits and other numbers, underscore), so "don't" counts 2 and "3.14" counts 2.
 *
 * <p>{@code \w} is Python 3's stdlib {@code re} one (NLTK up to 3.9), as the project pinned. NLTK 3.10 compiles the
 * pattern with the third-party {@code regex} module, whose {@code \w} also takes combining marks (Mn/Mc/Me), Pc
 * (‿), ZWJ/ZWNJ and circled letters (Ⓐ) but not No (² ½): Indic and Thai words and emoji with VS16 then count
 * differently, e.g. "हिन्दी भाषा" is 5 here and 2 there. Text without such characters counts the same.
 */
public final class WordCounter {
  private WordCounter() {}

  public static int countWords(String text) {
    Objects.requireNonNull(text, "text");
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean word = PythonUnicode.isWordChar(cp);
      if (word && !inWord) count++;
      inWord = word;
      i += Character.charCount(cp);
    }
    return count;
  }

  /** The {@code \w+} tokens themselves, in order (IFBench's {@code count_stopwords} looks at each). */
  public static List<String> words(String text) {
    return PythonUnicode.runs(text, PythonUnicode::isWordChar);
  }
}
