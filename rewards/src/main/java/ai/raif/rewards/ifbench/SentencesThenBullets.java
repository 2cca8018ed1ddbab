package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.SentenceSplitter;

/**
 * {@code format:no_bullets_bullets}: lines of at least two Punkt sentences, then at least two lines starting with "*",
 * and nothing after them. Like the reference, a text line that has no sentence (a blank line) ends the text part: any
 * later non-bullet line fails.
 */
enum SentencesThenBullets implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    boolean inText = true; // the truthiness of the reference's `sentences`: True, then the last line's sentence list
    int sentences = 0;
    int bullets = 0;
    for (String line : PyStrings.split(response, "\n")) {
      String stripped = PythonUnicode.strip(line);
      if (stripped.startsWith("*")) {
        inText = false;
        if (sentences < 2) return false;
        bullets++;
      } else if (inText) {
        int found = SentenceSplitter.split(stripped).size();
        sentences += found;
        inText = found > 0;
      } else {
        return false;
      }
    }
    return bullets >= 2;
  }
}
