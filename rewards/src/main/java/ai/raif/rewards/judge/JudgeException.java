package ai.raif.rewards.judge;

/** A verdict could not be obtained: the judge was unreachable, refused the request, or replied with no YES/NO. */
public class JudgeException extends RuntimeException {
  public JudgeException(String message) {
    super(message);
  }

  public JudgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
