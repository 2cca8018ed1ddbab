package ai.raif.rewards.math;

import java.time.Duration;

/** A wall-clock bound that long-running math checks poll cooperatively, so no thread has to be killed. */
final class Deadline {
  private final long endNanos;
  private final Duration bound;

  private Deadline(Duration bound) {
    this.bound = bound;
    this.endNanos = System.nanoTime() + bound.toNanos();
  }

  static Deadline after(Duration bound) {
    return new Deadline(bound);
  }

  void check() {
    if (System.nanoTime() - endNanos > 0) throw new TimedOut(bound);
  }

  /** Thrown when a check runs past its bound; the verifier turns it into "not equal". */
  static final class TimedOut extends RuntimeException {
    TimedOut(Duration bound) {
      super("math check exceeded its time bound of " + bound.toMillis() + " ms", null, false, false);
    }
  }
}
