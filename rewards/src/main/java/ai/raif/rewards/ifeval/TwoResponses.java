package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code combination:two_responses}: split on {@code ******}; a blank part other than the first or last fails; exactly
 * two non-blank parts must remain and differ after stripping ("A*******B" passes as "A" and "*B").
 */
record TwoResponses() implements Instruction {
  static final List<String> KWARGS = List.of();

  @Override
  public boolean isFollowedBy(String response) {
    List<String> parts = PyStrings.split(response, "******");
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = PythonUnicode.strip(parts.get(i));
      if (!part.isEmpty()) answers.add(part);
      else if (i != 0 && i != parts.size() - 1) return false;
    }
    return answers.size() == 2 && !answers.get(0).equals(answers.get(1));
  }
}
