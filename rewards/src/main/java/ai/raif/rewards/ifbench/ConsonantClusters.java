package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;

/** {@code words:consonants}: every lower-cased whitespace word has two adjacent consonants (y counts; é does not). */
enum ConsonantClusters implements Instruction {
  INSTANCE;

  private static final String CONSONANTS = "bcdfghjklmnpqrstvwxyz";

  @Override
  public boolean isFollowedBy(String response) {
    for (String word : Py.words(PyStrings.lower(response))) {
      if (!hasCluster(word)) return false;
    }
    return true;
  }

  private static boolean hasCluster(String word) {
    // Comparing chars is comparing code points here: a surrogate is never an ASCII consonant.
    for (int i = 0; i + 1 < word.length(); i++) {
      if (CONSONANTS.indexOf(word.charAt(i)) >= 0 && CONSONANTS.indexOf(word.charAt(i + 1)) >= 0) return true;
    }
    return false;
  }
}
