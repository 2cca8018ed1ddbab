package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.List;

/** {@code format:list}: the separator sep occurs at least twice, anywhere (non-overlapping). */
record SeparatorList(String separator) implements Instruction {
  static final List<String> KWARGS = List.of("sep");

  static SeparatorList from(Kwargs kw) {
    return new SeparatorList(kw.string("sep"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return PyStrings.count(response, separator) >= 2;
  }
}
