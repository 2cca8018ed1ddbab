package ai.raif.rewards.ifeval;

import ai.raif.rewards.text.SentenceSplitter;
import java.util.List;

/**
 * {@code length_constraints:number_sentences}: the number of sentences NLTK's English Punkt tokenizer finds (newlines
 * are no boundaries), compared with the relation.
 */
record NumberOfSentences(long sentences, Relation relation) implements Instruction {
  static final List<String> KWARGS = List.of("num_sentences", "relation");

  static NumberOfSentences from(Kwargs kw) {
    return new NumberOfSentences(kw.count("num_sentences"), kw.relation("relation"));
  }

  @Override
  public boolean isFollowedBy(String response) {
    return relation.holds(SentenceSplitter.split(response).size(), sentences);
  }
}
