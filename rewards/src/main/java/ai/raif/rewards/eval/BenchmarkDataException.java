package ai.raif.rewards.eval;

/** A benchmark row that cannot be used; the message names the file, the row, the field and the reason. */
public final class BenchmarkDataException extends RuntimeException {
  public BenchmarkDataException(String message) {
    super(message);
  }
}
