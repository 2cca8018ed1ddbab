package ai.raif.rewards.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Word tokenization exactly as {@code nltk.word_tokenize(text)} in NLTK 3.10.3: {@link SentenceSplitter} first, then
 * NLTK's improved Treebank tokenizer on each sentence (quotes become `` and '', "don't" becomes "do" + "n't", a period
 * is split off only at the end of a sentence). IFEval's capital_word_frequency counts these tokens. Thread-safe.
 */
public final class WordTokenizer {
  private WordTokenizer() {}

  public static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    for (String sentence : SentenceSplitter.split(text)) tokens.addAll(NltkWordTokenizer.tokenize(sentence));
    return tokens;
  }
}
