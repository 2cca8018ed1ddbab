package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sentence:alliteration_increment}: each Punkt sentence scores higher than the one before, where a run of k >= 2
 * consecutive words (lower-cased, leading punctuation stripped) sharing their first character scores k.
 */
enum AlliterationIncrement implements Instruction {
  INSTANCE;


  @Override
  public boolean isFollowedBy(String response) {
    int previous = -1;
    for (String sentence : SentenceSplitter.split(response)) {
      int score = score(sentence);
      if (score <= previous) return false;
      previous = score;
    }
    return true;
  }

  private static int score(String sentence) {
    List<String> words = new ArrayList<>();
    for (String word : Py.words(PyStrings.lower(sentence))) {
      String clean = PyStrings.lstrip(word, Py.PUNCTUATION_SPACE);
      if (!clean.isEmpty()) words.add(clean);
    }
    int score = 0;
    boolean inRun = false;
    for (int i = 0; i + 1 < words.size(); i++) {
      boolean alliterates = Py.sameFirst(words.get(i), words.get(i + 1));
      if (alliterates) score += inRun ? 1 : 2;
      inRun = alliterates;
    }
    return score;
  }
}
