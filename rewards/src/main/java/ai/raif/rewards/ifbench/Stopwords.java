package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.WordCounter;
import java.util.Set;

/**
 * IFBench's {@code count_stopwords}: the {@code \w+} tokens whose lower case is in NLTK's English stopwords list (the
 * standard 179 words; only its 153 entries without an apostrophe can equal a token).
 */
final class Stopwords {
  private Stopwords() {}

  static int count(String text) {
    int n = 0;
    for (String word : WordCounter.words(text)) {
      if (English.WORDS.contains(PyStrings.lower(word))) n++;
    }
    return n;
  }

  /** Loaded on first use, so a missing data file surfaces as a clear error at the first call. */
  private static final class English {
    static final Set<String> WORDS = Set.copyOf(IfbenchData.lines("stopwords/english"));
  }
}
