package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.text.SentenceSplitter;

/**
 * Ratios of Punkt sentences by their last character: {@code ratio:sentence_type} wants twice as many ending in "." as
 * in "?", {@code ratio:sentence_balance} as many ending in "." as in "?" and in "!" (zero of each passes both).
 */
enum SentenceMood implements Instruction {
  TWO_STATEMENTS_PER_QUESTION,
  BALANCED;


  @Override
  public boolean isFollowedBy(String response) {
    int statements = 0;
    int questions = 0;
    int exclamations = 0;
    for (String sentence : SentenceSplitter.split(response)) {
      if (sentence.endsWith(".")) statements++;
      if (sentence.endsWith("?")) questions++;
      if (sentence.endsWith("!")) exclamations++;
    }
    return this == TWO_STATEMENTS_PER_QUESTION
        ? statements == 2 * questions
        : statements == questions && questions == exclamations;
  }
}
