package ai.raif.rewards.ifeval;

/** Input that an IFEval evaluation cannot use: the message names the file, the line or row key, and the reason. */
public final class IfevalDataException extends IllegalArgumentException {
  public IfevalDataException(String message) {
    super(message);
  }

  public IfevalDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
