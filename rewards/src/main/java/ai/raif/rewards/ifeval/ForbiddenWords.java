package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.CaseFold;
import java.util.List;

/**
 * {@code keywords:forbidden_words}: fails when any word occurs case-insensitively between Python word boundaries
 * ({@code \b}, so "CAT's" contains "cat" but "Concatenate" does not). The reference builds
 * {@code r"\b" + word + r"\b"} unescaped; we search the word literally and test the two boundaries ourselves, the same
 * rule for every word without regex metacharacters (all of IFEval's).
 */
record ForbiddenWords(List<WholeWord> words) implements Instruction {
  static final List<String> KWARGS = List.of("forbidden_words");

  static ForbiddenWords from(Kwargs kw) {
    return new ForbiddenWords(kw.nonEmptyStringList("forbidden_words").stream().map(WholeWord::ignoringCase).toList());
  }

  @Override
  public boolean isFollowedBy(String response) {
    String folded = CaseFold.fold(response);
    for (WholeWord word : words) {
      if (word.occursIn(response, folded)) return false;
    }
    return true;
  }
}
