package ai.raif.trainer.sampling;

/** Why a sequence ended, with the names OpenAI-compatible servers use. */
public enum FinishReason {
  /** A stop token or stop string. */
  STOP,
  /** max_new_tokens reached. */
  LENGTH;

  public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
