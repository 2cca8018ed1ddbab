package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.PythonUnicode;
import java.util.List;

/**
 * {@code startend:quotation}: the stripped response is longer than one character and starts and ends with an ASCII
 * double quote (smart quotes do not count).
 */
record Quotation() implements Instruction {
  static final List<String> KWARGS = List.of();

  @Override
  public boolean isFollowedBy(String response) {
    String value = PythonUnicode.strip(response);
    return value.length() > 1 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
  }
}
