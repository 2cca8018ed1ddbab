package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.Arrays;
import java.util.List;

/** {@code words:palindrome}: at least 10 words (punctuation removed, lower-cased) of 5+ code points are palindromes. */
enum Palindromes implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> words = Py.words(PyStrings.lower(Py.withoutPunctuation(response)));
    return words.stream().filter(Palindromes::isLong).count() >= 10;
  }

  private static boolean isLong(String word) {
    int[] cps = word.codePoints().toArray();
    if (cps.length < 5) return false;
    int[] reversed = new int[cps.length];
    for (int i = 0; i < cps.length; i++) reversed[i] = cps[cps.length - 1 - i];
    return Arrays.equals(cps, reversed);
  }
}
