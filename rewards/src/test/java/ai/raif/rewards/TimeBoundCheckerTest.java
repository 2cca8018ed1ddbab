package ai.raif.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every rule check ends within its bound: past it, the rule counts as not followed. */
class TimeBoundCheckerTest {
  static final Constraint RULE = new Constraint("punctuation:no_comma", Map.of());
  static final String LONG = "word ".repeat(TimeBoundChecker.INLINE_CHARS);

  @Test
  void aCheckPastItsBoundCountsAsNotFollowedAndTheCallerWaitsOnlyTheBound() {
    ConstraintChecker spinning = (c, p, r) -> {
      long end = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < end) Thread.onSpinWait();  // ignores interrupts, as a regex does
      return true;
    };
    long start = System.nanoTime();
    assertFalse(new TimeBoundChecker(spinning, Duration.ofMillis(200)).check(RULE, "p", LONG));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 200 && millis < 2_000, millis + " ms");
  }

  @Test
  void verdictsAndInvalidConstraintsPassThroughShortResponsesRunInline() {
    ConstraintChecker commas = (c, p, r) -> {
      if (c.id().equals("no:such")) throw new InvalidConstraintException("no:such", null, "unknown id");
      return !r.contains(",");
    };
    TimeBoundChecker bounded = new TimeBoundChecker(commas, Duration.ofSeconds(5));
    assertTrue(bounded.check(RULE, "p", LONG));
    assertFalse(bounded.check(RULE, "p", LONG + ","));
    InvalidConstraintException e = assertThrows(InvalidConstraintException.class,
        () -> bounded.check(new Constraint("no:such", Map.of()), "p", LONG));
    assertEquals("constraint 'no:such': unknown id", e.getMessage());

    AtomicReference<Thread> ran = new AtomicReference<>();
    new TimeBoundChecker((c, p, r) -> {
      ran.set(Thread.currentThread());
      return true;
    }, Duration.ofSeconds(5)).check(RULE, "p", "short, as most answers are");
    assertSame(Thread.currentThread(), ran.get(), "no thread hand-off for a short response");
    assertSame(bounded, TimeBoundChecker.of(bounded));
  }
}
