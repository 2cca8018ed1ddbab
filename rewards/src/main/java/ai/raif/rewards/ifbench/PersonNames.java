package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.WholeWord;
import java.util.List;

/** {@code count:person_names}: at least N of the instruction's 50 names occur, case-sensitively, as whole words. */
record PersonNames(long n) implements Instruction {
  static final List<String> KWARGS = List.of("N");
  private static final List<WholeWord> NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava",
      "Lucas", "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo",
      "Zoe", "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
      "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
      "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan")
      .stream().map(WholeWord::exact).toList();

  static PersonNames from(Kwargs kw) {
    return new PersonNames(kw.count("N"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return NAMES.stream().filter(name -> name.occursIn(response)).count() >= n;
  }
}
