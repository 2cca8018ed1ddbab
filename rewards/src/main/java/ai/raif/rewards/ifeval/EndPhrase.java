package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code startend:end_checker}: the response, stripped of whitespace and then of ASCII double quotes at both ends and
 * lower-cased, ends with the stripped, lower-cased phrase.
 */
record EndPhrase(String suffix) implements Instruction {
  static final List<String> KWARGS = List.of("end_phrase");

  static EndPhrase from(Kwargs kw) {
    return new EndPhrase(PyStrings.lower(PythonUnicode.strip(kw.string("end_phrase"))));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return PyStrings.lower(PyStrings.strip(PythonUnicode.strip(response), '"')).endsWith(suffix);
  }
}
