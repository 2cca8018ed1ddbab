package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;

/** {@code words:vowel}: a single line (after stripping) that uses at most three of the vowels a, e, i, o, u. */
enum ThreeVowels implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    String stripped = PythonUnicode.strip(response);
    if (stripped.indexOf('\n') >= 0) return false;
    String paragraph = PyStrings.lower(stripped);
    return "aeiou".chars().filter(v -> paragraph.indexOf(v) >= 0).count() <= 3;
  }
}
