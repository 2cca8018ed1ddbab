package ai.raif.rewards.math;

/**
 * The final answer found in a math response and where it came from.
 *
 * @param text the raw answer text (not yet normalised); empty when nothing was found
 */
public record MathAnswer(String text, Source source) {
  public enum Source {
    /** the last {@code \boxed{…}}, {@code \boxed x} or {@code \fbox{…}} */
    BOXED,
    /** the text after the last "answer is" */
    ANSWER_PHRASE,
    /** the last number in the response */
    LAST_NUMBER,
    NONE
  }

  public MathAnswer {
    if (text == null || source == null) throw new IllegalArgumentException("answer text and source are required");
  }

  public boolean boxed() {
    return source == Source.BOXED;
  }
}
