package ai.raif.rewards.text;

import java.util.List;
import java.util.Objects;

/**
 * Sentence splitting exactly as {@code nltk.tokenize.sent_tokenize(text)} (language "english") in NLTK 3.10.3: the
 * Punkt tokenizer with NLTK's official English punkt_tab parameters. IFEval counts sentences with it.
 * Sentences keep their inner whitespace and newlines; whitespace between sentences is dropped. Thread-safe.
 */
public final class SentenceSplitter {
  private static final String ENGLISH = "/ai/raif/rewards/data/punkt/english.json";

  private SentenceSplitter() {}

  /** The sentences of text; an empty list for empty or whitespace-only text. */
  public static List<String> split(String text) {
    Objects.requireNonNull(text, "text");
    return English.TOKENIZER.tokenize(text);
  }

  /** Loaded on first use, so a missing data file surfaces as a clear error at the first call. */
  private static final class English {
    static final PunktSentenceTokenizer TOKENIZER = new PunktSentenceTokenizer(PunktParameters.load(ENGLISH));
  }
}
