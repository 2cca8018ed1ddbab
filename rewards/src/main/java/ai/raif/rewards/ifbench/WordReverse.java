package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.PythonUnicode;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code custom:word_reverse}: the response's words (lower-cased, punctuation removed) read backwards contain "bald
 * eagle" and form a single Punkt sentence.
 */
enum WordReverse implements Instruction {
  INSTANCE;

  @Override
  public boolean isFollowedBy(String response) {
    String text = Py.withoutPunctuation(PythonUnicode.strip(PyStrings.lower(response)));
    List<String> words = new ArrayList<>(Py.words(text));
    Collections.reverse(words);
    String reversed = String.join(" ", words);
    return reversed.contains("bald eagle") && SentenceSplitter.split(reversed).contains(reversed);
  }
}
