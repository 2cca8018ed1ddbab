package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import java.util.List;

/**
 * {@code custom:multiples}: the digit runs in the response are exactly 14, 21, 28, 35, 42, 49 in that order (the
 * reference first writes ", " for ",", which changes no digit run).
 */
enum Multiples implements Instruction {
  INSTANCE;

  private static final List<String> EXPECTED = List.of("14", "21", "28", "35", "42", "49");

  @Override
  public boolean isFollowedBy(String response) {
    return Py.digitRuns(response).equals(EXPECTED);
  }
}
