package ai.raif.trainer.grpo;

/** An expert demonstration for behaviour cloning: the prompt and the expert's response, ending in the turn's end. */
public record ExpertSequence(String id, int[] promptIds, int[] responseIds) {
  public ExpertSequence {
    if (promptIds.length == 0) throw new IllegalArgumentException(id + ": empty prompt");
    if (responseIds.length == 0) throw new IllegalArgumentException(id + ": empty expert response");
  }
}
