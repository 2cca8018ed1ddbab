package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyRegex;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code custom:mcq_count_length}: the response starts with "Question" and splits at "Question N" labels into 4
 * questions, each with 5 option lines (A-E followed by "." "|" or ")"), whose question texts get strictly longer.
 */
enum MultipleChoiceQuestions implements Instruction {
  INSTANCE;

  private static final Pattern LABEL =
      Pattern.compile("\n*(?:Question " + PyRegex.DIGIT + "+[.|):;]?" + PyRegex.SPACE + "*)");
  private static final Pattern OPTION = Pattern.compile("[A-Ea-e][.|)]" + PyRegex.SPACE + "*" + PyRegex.WORD + "+");

  @Override
  public boolean isFollowedBy(String response) {
    // value[value.find('Question'):] != value: anything before the first "Question" (or none at all) fails
    if (!response.startsWith("Question")) return false;
    List<String> questions = new ArrayList<>();
    for (String part : LABEL.split(response, -1)) {
      String question = PythonUnicode.strip(part);
      if (!question.isEmpty()) questions.add(question);
    }
    if (questions.size() != 4) return false;
    int previousLength = -1;
    for (String question : questions) {
      StringBuilder text = new StringBuilder();
      int options = 0;
      for (String line : PyStrings.split(question, "\n")) {
        String stripped = PythonUnicode.strip(line);
        if (OPTION.matcher(stripped).lookingAt()) options++;
        else if (options == 0) text.append(' ').append(stripped);
      }
      if (options != 5) return false;
      int length = PyStrings.length(PythonUnicode.strip(text.toString()));
      if (length <= previousLength) return false;
      previousLength = length;
    }
    return true;
  }
}
