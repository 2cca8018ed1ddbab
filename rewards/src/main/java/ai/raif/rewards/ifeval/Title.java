package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code detectable_format:title}: some match of {@code <<[^\n]+>>} has non-blank text once its angle brackets are
 * stripped. The greedy match starts at a line's first {@code <<} and ends at its last {@code >>}, so each line has at
 * most one match and is checked directly (the regex is quadratic on a long line of unclosed {@code <<}).
 */
record Title() implements Instruction {
  static final List<String> KWARGS = List.of();

  @Override
  public boolean isFollowedBy(String response) {
    for (String line : PyStrings.split(response, "\n")) {
      int open = line.indexOf("<<");
      int close = line.lastIndexOf(">>");
      // [^\n]+ needs at least one character between "<<" and ">>".
      if (open >= 0 && close >= open + 3) {
        String title = PyStrings.rstrip(PyStrings.lstrip(line.substring(open, close + 2), '<'), '>');
        if (!PythonUnicode.strip(title).isEmpty()) return true;
      }
    }
    return false;
  }
}
