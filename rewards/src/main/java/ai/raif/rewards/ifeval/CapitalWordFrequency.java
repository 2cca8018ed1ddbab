package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.WordTokenizer;
import java.util.List;

/**
 * {@code change_case:capital_word_frequency}: the number of NLTK {@code word_tokenize} tokens for which Python's
 * {@code isupper()} holds ("I", "U.S.A.", "STOP-NOW"; "DON'T" is two tokens), compared with the relation. Unlike the
 * other counts, a negative {@code capital_frequency} is used as given, as the reference does.
 */
record CapitalWordFrequency(long frequency, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("capital_frequency", "capital_relation");

  static CapitalWordFrequency from(Kwargs kw) {
    return new CapitalWordFrequency(kw.integer("capital_frequency"), kw.relation("capital_relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    long capitalWords = WordTokenizer.tokenize(response).stream().filter(PyStrings::isUpper).count();
    return relation.holds(capitalWords, frequency);
  }
}
