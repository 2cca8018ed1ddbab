package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code combination:repeat_prompt}: the stripped, lower-cased response starts with the stripped, lower-cased
 * {@code prompt_to_repeat}.
 */
record RepeatPrompt(String prefix) implements Instruction {
  static final List<String> KWARGS = List.of("prompt_to_repeat");

  static RepeatPrompt from(Kwargs kw) {
    return new RepeatPrompt(PyStrings.lower(PythonUnicode.strip(kw.nonEmptyString("prompt_to_repeat"))));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return PyStrings.lower(PythonUnicode.strip(response)).startsWith(prefix);
  }
}
