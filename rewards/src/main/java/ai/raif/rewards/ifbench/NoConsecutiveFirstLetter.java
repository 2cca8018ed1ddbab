package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.List;

/** {@code words:no_consecutive}: no two adjacent words (lower-cased, punctuation removed) share a first character. */
enum NoConsecutiveFirstLetter implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> words = Py.words(Py.withoutPunctuation(PyStrings.lower(response)));
    for (int i = 0; i + 1 < words.size(); i++) {
      if (Py.sameFirst(words.get(i), words.get(i + 1))) return false;
    }
    return true;
  }
}
