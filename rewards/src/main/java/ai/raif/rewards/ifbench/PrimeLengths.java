package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.Set;

/** {@code words:prime_lengths}: every word, punctuation removed, has a prime length (in code points) below 100. */
enum PrimeLengths implements Instruction {
  INSTANCE;

  private static final Set<Integer> PRIMES =
      Set.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97);

  @Override
  public boolean isFollowedBy(String response) {
    return Py.words(Py.withoutPunctuation(response)).stream().allMatch(w -> PRIMES.contains(PyStrings.length(w)));
  }
}
