package ai.raif.rewards.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile inputs finish quickly and count as "not equal"; none of them may hang a reward task. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathologicalInputTest {
  private static final MathVerifier VERIFIER = new MathVerifier(Duration.ofSeconds(2));
  private static final int MEGABYTE = 1 << 20;

  private static long millis(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void megabyteOfOpenBracesAfterABox() {
    String response = "\\boxed" + "{".repeat(MEGABYTE);
    long ms = millis(() -> assertFalse(VERIFIER.verify(response, "1").equal()));
    assertTrue(ms < 2000, "took " + ms + " ms");
  }

  @Test
  void megabyteOfBalancedNestingInsideABox() {
    String response = "\\boxed{" + "{".repeat(MEGABYTE / 2) + "1" + "}".repeat(MEGABYTE / 2) + "}";
    MathVerdict verdict = VERIFIER.verify(response, "1");
    assertTrue(verdict.answer().boxed());
    assertFalse(verdict.equal(), "answers beyond the length limit are compared as strings only");
  }

  @Test
  void nestingBeyondTheParserDepthIsNotEqualButTerminates() {
    int levels = 300;
    String nested = "(".repeat(levels) + "1" + ")".repeat(levels);
    assertTrue(nested.length() <= MathEquivalence.MAX_ANSWER_CHARS);
    assertFalse(VERIFIER.equivalent(nested, "2"));
    assertFalse(VERIFIER.equivalent(nested, "1"), "deeper than the parser's bound: given up, not equal");
    assertTrue(VERIFIER.equivalent("(".repeat(20) + "1" + ")".repeat(20), "1"), "moderate nesting is fine");
  }

  @Test
  void megabyteOfNumbersPhrasesAndCommands() {
    String digits = "1.".repeat(MEGABYTE / 2);
    String minus = "-".repeat(MEGABYTE);
    String phrases = "the answer is ".repeat(MEGABYTE / 14);
    String commands = "\\text{".repeat(MEGABYTE / 6);
    long ms = millis(() -> {
      assertEquals(MathAnswer.Source.LAST_NUMBER, MathAnswerExtractor.extract(digits).source());
      assertEquals(MathAnswer.Source.NONE, MathAnswerExtractor.extract(minus).source());
      assertEquals(MathAnswer.Source.NONE, MathAnswerExtractor.extract(phrases).source());
      assertFalse(VERIFIER.verify(commands, "5").equal());
      assertFalse(VERIFIER.equivalent(digits, digits + "1"));
    });
    assertTrue(ms < 3000, "took " + ms + " ms");
  }

  @Test
  void longestAllowedAnswersOfHostileShape() {
    int n = MathEquivalence.MAX_ANSWER_CHARS;
    String texts = "\\text{".repeat(n / 6);
    String powers = "2^".repeat(n / 2 - 1) + "2";
    String fracs = "\\frac".repeat(n / 5);
    String list = IntStream.range(0, n / 4).mapToObj(i -> "x+" + (i % 10)).collect(Collectors.joining(","));
    String shuffled = IntStream.range(0, n / 4).mapToObj(i -> "x+" + (9 - i % 10)).collect(Collectors.joining(","));
    long ms = millis(() -> {
      assertFalse(VERIFIER.equivalent(texts, "1"));
      assertFalse(VERIFIER.equivalent(powers, "1"));
      assertFalse(VERIFIER.equivalent(fracs, "1"));
      assertTrue(VERIFIER.equivalent(list, shuffled), "the same multiset of 250 expressions in another order");
    });
    assertTrue(list.length() <= n);
    assertTrue(ms < 3000, "took " + ms + " ms");
  }

  @Test
  void aCheckPastItsTimeBoundCountsAsNotEqual() {
    MathVerifier impatient = new MathVerifier(Duration.ofNanos(1));
    MathVerdict verdict = impatient.verify("\\boxed{x^2+2x+1}", "(x+1)^2");
    assertTrue(verdict.timedOut());
    assertFalse(verdict.equal());
    assertFalse(impatient.equivalent("x^2+2x+1", "(x+1)^2"));
    assertTrue(VERIFIER.equivalent("x^2+2x+1", "(x+1)^2"), "the same check succeeds with a normal bound");
  }
}
