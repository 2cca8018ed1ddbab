package ai.raif.rewards.math;

import java.time.Duration;

/**
 * Checks a math response against its reference answer: extraction ({@link MathAnswerExtractor}), then equivalence
 * (string, numeric, structural, symbolic) within a time bound. Symbolic equivalence uses this package's own parser
 * and numeric evaluation rather than a computer-algebra library: Symja pulls in ~25 heavy jars and exp4j (unmaintained
 * since 2017) reads no LaTeX, while checking final answers only needs evaluation. A check that runs past its bound
 * counts as not equal, as in the reference's 10 s subprocess timeout. Thread-safe.
 */
public final class MathVerifier {
  /** The reference implementation's bound (raif-spec §3.6). */
  public static final Duration DEFAULT_TIME_BOUND = Duration.ofSeconds(10);

  private final Duration timeBound;

  public MathVerifier(Duration timeBound) {
    if (timeBound == null || timeBound.isNegative() || timeBound.isZero()) {
      throw new IllegalArgumentException("math time bound must be positive, got " + timeBound);
    }
    this.timeBound = timeBound;
  }

  public MathVerifier() {
    this(DEFAULT_TIME_BOUND);
  }

  public MathVerdict verify(String response, String reference) {
    MathAnswer answer = MathAnswerExtractor.extract(response);
    try {
      return new MathVerdict(answer, equivalent(answer.text(), reference, Deadline.after(timeBound)), false);
    } catch (Deadline.TimedOut e) {
      return new MathVerdict(answer, false, true);
    }
  }

  /** Whether two final answers are equivalent; false when undecided within the time bound. */
  public boolean equivalent(String predicted, String reference) {
    try {
      return equivalent(predicted, reference, Deadline.after(timeBound));
    } catch (Deadline.TimedOut e) {
      return false;
    }
  }

  private static boolean equivalent(String predicted, String reference, Deadline deadline) {
    return new MathEquivalence(deadline).equivalent(predicted, reference);
  }

  public Duration timeBound() {
    return timeBound;
  }
}
