package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code custom:reverse_newline}: from the first non-empty line containing "Zimbabwe" on, at least 52 lines
 * (punctuation and spaces stripped from their ends, blank ones dropped) in reverse order of their ASCII folding.
 */
enum ReverseCountries implements Instruction {
  INSTANCE;

  @Override
  public boolean isFollowedBy(String response) {
    List<String> lines = new ArrayList<>();
    for (String line : PyStrings.split(response, "\n")) {
      String stripped = Py.stripPunctuation(line);
      if (!stripped.isEmpty()) lines.add(stripped);
    }
    int start = 0;
    while (start < lines.size() && !lines.get(start).contains("Zimbabwe")) start++;
    if (lines.size() - start < 52) return false;
    for (int i = start; i + 1 < lines.size(); i++) {
      if (Py.asciiFold(lines.get(i)).compareTo(Py.asciiFold(lines.get(i + 1))) < 0) return false;
    }
    return true;
  }
}
