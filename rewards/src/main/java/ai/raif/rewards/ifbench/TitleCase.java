package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.WordTokenizer;

/**
 * {@code format:title_case}: no NLTK word token that starts with a letter is a lone lower-case letter, or a lower-case
 * first letter followed by an all-upper or all-lower rest. Other shapes ("iPhone", "McDonald") pass.
 */
enum TitleCase implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    for (String token : WordTokenizer.tokenize(response)) {
      if (token.isEmpty() || !Character.isLetter(token.codePointAt(0))) continue;
      String first = PyStrings.first(token);
      String rest = token.substring(first.length());
      if (rest.isEmpty()) {
        if (PyStrings.isLower(first)) return false;
      } else if (!(PyStrings.isUpper(first) && PyStrings.isLower(rest))
          && PyStrings.isLower(first) && (PyStrings.isUpper(rest) || PyStrings.isLower(rest))) {
        return false;
      }
    }
    return true;
  }
}
