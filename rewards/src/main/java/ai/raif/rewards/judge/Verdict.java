package ai.raif.rewards.judge;

/** One question's outcome: YES or NO, or why there is no verdict. */
public record Verdict(Boolean yes, String error) {
  public Verdict {
    if ((yes == null) == (error == null)) {
      throw new IllegalArgumentException("a verdict has a value or an error, not both or neither");
    }
  }

  public static Verdict of(boolean yes) {
    return new Verdict(yes, null);
  }

  /** No verdict, for {@code why} (its message, else its class). */
  public static Verdict failed(Throwable why) {
    return failed(why.getMessage() != null ? why.getMessage() : why.toString());
  }

  public static Verdict failed(String error) {
    return new Verdict(null, error == null || error.isBlank() ? "no verdict (no reason given)" : error);
  }

  public boolean failed() {
    return error != null;
  }
}
