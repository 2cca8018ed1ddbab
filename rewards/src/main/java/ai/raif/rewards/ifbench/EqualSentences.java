package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code ratio:sentence_words}: exactly three Punkt sentences of the same stripped length in code points. The
 * instruction also asks for different words; the reference (db69a6f) does not check that.
 */
enum EqualSentences implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    if (sentences.size() != 3) return false;
    int length = PyStrings.length(PythonUnicode.strip(sentences.get(0)));
    return sentences.stream().allMatch(s -> PyStrings.length(PythonUnicode.strip(s)) == length);
  }
}
