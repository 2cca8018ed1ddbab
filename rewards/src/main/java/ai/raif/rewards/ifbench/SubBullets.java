package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.List;

/** {@code format:sub-bullets}: every piece of text after a "*" (up to the next one) contains a "-". */
enum SubBullets implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> pieces = PyStrings.split(response, "*");
    return pieces.subList(1, pieces.size()).stream().allMatch(piece -> piece.contains("-"));
  }
}
