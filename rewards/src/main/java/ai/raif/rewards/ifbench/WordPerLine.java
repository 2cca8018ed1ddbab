package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;

/** {@code format:newline}: with punctuation removed, as many non-empty lines as whitespace words. */
enum WordPerLine implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    String text = PythonUnicode.strip(Py.withoutPunctuation(response));
    long lines = PyStrings.split(text, "\n").stream().filter(line -> !line.isEmpty()).count();
    return lines == Py.words(text).size();
  }
}
