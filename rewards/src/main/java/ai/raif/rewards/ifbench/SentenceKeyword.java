package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.ifeval.WholeWord;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code sentence:keyword}: the N-th Punkt sentence holds word, case-insensitively, between Python word boundaries.
 * N = 0 means the last sentence, as Python's index -1 does.
 */
record SentenceKeyword(WholeWord word, long n) implements Instruction {
  static final List<String> KWARGS = List.of("word", "N");

  static SentenceKeyword from(Kwargs kw) {
    return new SentenceKeyword(WholeWord.ignoringCase(kw.nonEmptyString("word")), kw.count("N"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    if (sentences.size() < n || sentences.isEmpty()) return false;
    return word.occursIn(sentences.get(n == 0 ? sentences.size() - 1 : (int) n - 1));
  }
}
