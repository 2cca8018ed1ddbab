package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/** {@code custom:sentence_alphabet}: 26 Punkt sentences whose first words start with a, b, ..., z (any case). */
enum SentenceAlphabet implements Instruction {
  INSTANCE;

  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    if (sentences.size() != 26) return false;
    for (int i = 0; i < 26; i++) {
      List<String> words = Py.words(sentences.get(i));
      if (words.isEmpty() || PyStrings.lower(words.get(0)).codePointAt(0) != 'a' + i) return false;
    }
    return true;
  }
}
