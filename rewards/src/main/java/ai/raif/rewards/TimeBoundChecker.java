package ai.raif.rewards;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A checker whose checks end within a time bound, as the math verifier's do: a check past it counts as not followed,
 * as the reference's math check does after its 10 s. A response longer than {@value #INLINE_CHARS} characters is
 * checked on a daemon thread that the caller waits for at most the bound; one that overruns is interrupted and left
 * to end on its own (a Java regex does not look at interrupts), so the bound protects the caller's time, not the CPU.
 * Shorter responses are checked inline: {@code CheckerFuzzTest} runs every checker on hostile text, and its worst
 * case at that length is far below the bound (docs/RELIABILITY.md), while a thread hand-off would cost more than most
 * checks.
 */
public final class TimeBoundChecker implements ConstraintChecker {
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(10);
  public static final int INLINE_CHARS = 20_000;
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raif-rule-check");
    t.setDaemon(true);
    return t;
  });

  private final ConstraintChecker delegate;
  private final long boundNanos;

  public TimeBoundChecker(ConstraintChecker delegate, Duration bound) {
    if (delegate == null) throw new IllegalArgumentException("a checker is required");
    if (bound == null || bound.isNegative() || bound.isZero()) {
      throw new IllegalArgumentException("a check's time bound must be positive, got " + bound);
    }
    this.delegate = delegate;
    this.boundNanos = bound.toNanos();
  }

  /** {@code checker} with the default bound, unless it has a bound already. */
  public static ConstraintChecker of(ConstraintChecker checker) {
    return checker instanceof TimeBoundChecker ? checker : new TimeBoundChecker(checker, DEFAULT_BOUND);
  }

  @Override
  public boolean check(Constraint constraint, String prompt, String response) {
    if (response == null || response.length() <= INLINE_CHARS) return delegate.check(constraint, prompt, response);
    Future<Boolean> check = POOL.submit(() -> delegate.check(constraint, prompt, response));
    try {
      return check.get(boundNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      check.cancel(true);
      return false;
    } catch (InterruptedException e) {
      check.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + constraint.id(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;  // an invalid constraint, as the delegate reported it
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
