package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.List;

/**
 * {@code words:alphabet}: with punctuation removed, the first word starts with a letter a-z (either case) and each
 * following word with the next letter, z wrapping to a.
 */
enum AlphabetLoop implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> words = Py.words(Py.stripPunctuation(Py.withoutPunctuation(response)));
    if (words.isEmpty()) return false;
    String first = PyStrings.lower(PyStrings.first(words.get(0)));
    // `first not in string.ascii_lowercase` is a substring test: one letter a-z passes ("İ" lowers to two chars)
    if (first.length() != 1 || first.charAt(0) < 'a' || first.charAt(0) > 'z') return false;
    char expected = first.charAt(0);
    for (String word : words.subList(1, words.size())) {
      word = PyStrings.lower(Py.stripPunctuation(word));
      if (word.isEmpty()) continue;
      expected = expected == 'z' ? 'a' : (char) (expected + 1);
      if (word.codePointAt(0) != expected) return false;
    }
    return true;
  }
}
