package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.Kwargs;
import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code sentence:increment}: each Punkt sentence has exactly small_n more whitespace words (punctuation removed) than
 * the one before.
 */
record IncrementingWordCount(long increment) implements Instruction {
  static final List<String> KWARGS = List.of("small_n");

  static IncrementingWordCount from(Kwargs kw) {
    return new IncrementingWordCount(kw.count("small_n"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    List<String> sentences = SentenceSplitter.split(response);
    if (sentences.isEmpty()) return false; // the reference indexes sentences[0] (never empty for a non-blank response)
    long previous = words(sentences.get(0));
    for (String sentence : sentences.subList(1, sentences.size())) {
      long count = words(sentence);
      if (count != previous + increment) return false;
      previous = count;
    }
    return true;
  }

  private static long words(String sentence) {
    return Py.words(Py.withoutPunctuation(sentence)).size();
  }
}
