package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;

/**
 * {@code format:quote_unquote}: with whitespace and the sequence '"' removed, no two double quotes are adjacent and
 * the text does not end with one (trailing digits and other punctuation aside).
 */
enum QuoteExplanation implements Instruction {
  INSTANCE;

  private static final String TRAILERS = "0123456789" + PyStrings.PUNCTUATION.replace("\"", "");

  @Override
  public boolean isFollowedBy(String response) {
    String text = String.join("", Py.words(response.replace("'\"'", "")));
    if (text.contains("\"\"")) return false;
    String stripped = PyStrings.strip(text, TRAILERS);
    return !stripped.endsWith("\"");
  }
}
