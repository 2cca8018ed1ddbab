package ai.raif.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TextDeltasTest {
  /** Token i decodes to WORDS[i]; "\uFFFD" stands for a token that ends inside a UTF-8 character. */
  static final String[] WORDS = {"Hel", "lo", " wor", "ld", "\uFFFD", "é", "!"};
  static final Function<int[], String> DECODE = ids -> {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      // a partial character (token 4) is replaced once the next token completes it
      if (ids[i] == 4 && i + 1 < ids.length) continue;
      sb.append(WORDS[ids[i]]);
    }
    return sb.toString();
  };

  static int[] upTo(int n) {
    return Arrays.copyOf(new int[] {0, 1, 2, 3, 4, 5, 6}, n);
  }

  @Test
  void withoutStopStringsEveryTokensTextIsSentAtOnce() {
    TextDeltas d = new TextDeltas(DECODE, 0);
    assertEquals("Hel", d.next(upTo(1)));
    assertEquals("lo", d.next(upTo(2)));
    assertEquals(" wor", d.next(upTo(3)));
    assertEquals("ld", d.next(upTo(4)));
    assertEquals("", d.next(upTo(5)), "half a character waits");
    assertEquals("é", d.next(upTo(6)));
    assertEquals("!", d.finish("Hello worldé!"));
  }

  @Test
  void textThatMayStillBecomeAStopStringWaitsAndAStopCutIsNeverSent() {
    // The longest stop string has 4 characters; " wor" is one: the token that completes it ends the answer, and the
    // generation thread reports that token only through finish().
    TextDeltas d = new TextDeltas(DECODE, 3);
    assertEquals("", d.next(upTo(1)));
    assertEquals("He", d.next(upTo(2)));
    assertEquals("llo", d.finish("Hello"));
    TextDeltas e = new TextDeltas(DECODE, 3);
    String all = e.next(upTo(1)) + e.next(upTo(2)) + e.next(upTo(3)) + e.next(upTo(4)) + e.finish("Hello world");
    assertEquals("Hello world", all, "deltas add up to the final text");
  }
}
