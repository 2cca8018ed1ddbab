package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.PyRegex;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code format:options}: the response is one of the options. options is split on "/", else on "or" (a substring:
 * "word" splits too), else on ","; for letter options ("a), b), c)") the response must equal one exactly, otherwise
 * both sides are compared lower-cased with punctuation and spaces stripped from their ends.
 */
record Options(List<String> options, boolean exact) implements Instruction {
  static final List<String> KWARGS = List.of("options");
  private static final Pattern LETTERS =
      Pattern.compile(PyRegex.NOT_WORD + "*[aA]" + PyRegex.NOT_WORD + "*[bB]" + PyRegex.NOT_WORD + "*[cC]");

  static Options from(Kwargs kw) {
    String text = kw.string("options");
    String separator = text.contains("/") ? "/" : text.contains("or") ? "or" : ",";
    List<String> options = PyStrings.split(text, separator).stream().map(PythonUnicode::strip).toList();
    return new Options(options, LETTERS.matcher(text).lookingAt());
  }

  @Override
  public boolean isFollowedBy(String response) {
    if (exact) return options.contains(response);
    String answer = PyStrings.lower(Py.stripPunctuation(response));
    return options.stream().anyMatch(o -> PyStrings.lower(Py.stripPunctuation(o)).equals(answer));
  }
}
