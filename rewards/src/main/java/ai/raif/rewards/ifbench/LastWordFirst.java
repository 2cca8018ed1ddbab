package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code words:last_first}: each Punkt sentence's last word is the next sentence's first word, ignoring case and
 * punctuation at the sentence's end (resp. start).
 */
enum LastWordFirst implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    for (int i = 0; i + 1 < sentences.size(); i++) {
      List<String> last = Py.words(PyStrings.rstrip(sentences.get(i), Py.PUNCTUATION_SPACE));
      List<String> first = Py.words(PyStrings.lstrip(sentences.get(i + 1), Py.PUNCTUATION_SPACE));
      if (last.isEmpty() || first.isEmpty()) return false;
      if (!PyStrings.lower(last.get(last.size() - 1)).equals(PyStrings.lower(first.get(0)))) return false;
    }
    return true;
  }
}
