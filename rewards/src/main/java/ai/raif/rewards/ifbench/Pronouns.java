package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.WordTokenizer;
import java.util.List;
import java.util.Set;

/**
 * {@code count:pronouns}: at least N of the lower-cased response's NLTK word tokens are pronouns ("/" is read as a
 * space, so "she/her" counts two).
 */
record Pronouns(long n) implements Instruction {
  static final List<String> KWARGS = List.of("N");
  private static final Set<String> PRONOUNS = Set.of("i", "me", "we", "us", "you", "he", "him", "she", "her", "it",
      "they", "them", "my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their", "theirs", "myself",
      "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves", "this", "that", "these",
      "those", "who", "whom", "whose", "which", "what", "whoever", "whomever", "whatever", "whichever", "anybody",
      "anyone", "anything", "everybody", "everyone", "everything", "nobody", "nothing", "somebody", "someone",
      "something", "each", "either", "neither", "both", "all", "some", "any", "none");

  static Pronouns from(Kwargs kw) {
    return new Pronouns(kw.count("N"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> tokens = WordTokenizer.tokenize(PyStrings.lower(response.replace('/', ' ')));
    return tokens.stream().filter(PRONOUNS::contains).count() >= n;
  }
}
