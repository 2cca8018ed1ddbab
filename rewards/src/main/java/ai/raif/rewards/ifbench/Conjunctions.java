package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code count:conjunctions}: at least small_n distinct coordinating conjunctions. The reference collects the raw
 * whitespace words whose stripped, lower-cased form is one of them, so "And", "and" and "and," count as three.
 */
record Conjunctions(long n) implements Instruction {
  static final List<String> KWARGS = List.of("small_n");
  private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "for", "nor", "or", "so", "yet");

  static Conjunctions from(Kwargs kw) {
    return new Conjunctions(kw.count("small_n"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    Set<String> used = new HashSet<>();
    for (String word : Py.words(response)) {
      if (CONJUNCTIONS.contains(PyStrings.lower(Py.stripPunctuation(word)))) used.add(word);
    }
    return used.size() >= n;
  }
}
