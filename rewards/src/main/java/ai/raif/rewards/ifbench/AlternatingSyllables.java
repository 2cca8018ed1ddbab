package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;

/**
 * {@code words:odd_even_syllables}: consecutive words (punctuation removed, lower-cased) alternate between odd and even
 * syllable counts, as syllapy 0.7.2 counts them.
 */
enum AlternatingSyllables implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    int previous = -1;
    for (String word : Py.words(PyStrings.lower(Py.withoutPunctuation(response)))) {
      int parity = Syllables.count(word) % 2;
      if (parity == previous) return false;
      previous = parity;
    }
    return true;
  }
}
