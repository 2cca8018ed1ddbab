package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format:line_indent}: each line starts with more spaces than the line before. Blank lines are dropped the way
 * the reference does it, by removing from the list it is iterating: each removal deletes the first equal blank line
 * and makes the loop skip the line after the removed position, so some blank lines stay and count.
 */
enum IndentStairs implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> lines = new ArrayList<>(PyStrings.split(response, "\n"));
    for (int i = 0; i < lines.size(); i++) { // a list iterator's cursor, as Python's for loop keeps it
      String line = lines.get(i);
      if (PyStrings.isBlank(line)) lines.remove(line);
    }
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (indent(lines.get(i + 1)) <= indent(lines.get(i))) return false;
    }
    return true;
  }

  private static int indent(String line) {
    return line.length() - PyStrings.lstrip(line, ' ').length();
  }
}
