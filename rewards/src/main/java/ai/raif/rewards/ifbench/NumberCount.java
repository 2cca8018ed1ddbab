package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import java.util.List;

/**
 * {@code count:numbers}: exactly N runs of decimal digits once ASCII punctuation is removed, so "3.14" and "1,000"
 * are one number each and "2-3" is one too.
 */
record NumberCount(long n) implements Instruction {
  static final List<String> KWARGS = List.of("N");

  static NumberCount from(Kwargs kw) {
    return new NumberCount(kw.count("N"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return Py.digitRuns(Py.withoutPunctuation(response)).size() == n;
  }
}
