package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code words:paragraph_last_first}: every line ("\n") starts and ends with the same word, lower-cased, with
 * punctuation stripped from the line's ends; blank lines are skipped.
 */
enum ParagraphLastFirst implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    for (String line : PyStrings.split(response, "\n")) {
      List<String> words = Py.words(Py.stripPunctuation(PyStrings.lower(PythonUnicode.strip(line))));
      if (!words.isEmpty() && !words.get(0).equals(words.get(words.size() - 1))) return false;
    }
    return true;
  }
}
