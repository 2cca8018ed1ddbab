package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.text.CaseFold;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The folded-text search of case-insensitive literals against the regex it stands for. */
class IgnoreCaseLiteralTest {
  private static final String TRICKY = "aAbBsSkKiIſıİKΣσςßẞǅǄǆµΜμﬀΩωΩÅåÅ1@ _-'\u00a0\uD801\uDC00\uD801\uDC28\uD800";

  @Test
  void foldingIsIdempotentOnEveryChar() {
    // the regex's slice accepts c when c or fold(c) equals the folded pattern char; idempotence makes that fold(c)
    for (int c = 0; c < 0x10000; c++) {
      char folded = CaseFold.fold((char) c);
      assertEquals(folded, CaseFold.fold(folded), "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void searchesFindTheRegexMatches() {
    Random random = new Random(12);
    List<String> literals = List.of("ss", "SS", "ſs", "ki", "KI", "İi", "ıI", "σς", "ΣΣ", "ßa", "ẞa", "ǅx", "µm",
        "ﬀa", "ωΩ", "Åå", "a b", "1@", "s", "ß", "", "\uD801\uDC00a", "cat", "Cat's");
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(20);
      for (int j = 0; j < n; j++) text.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
      String s = text.toString();
      String folded = CaseFold.fold(s);
      for (String literal : literals) {
        IgnoreCaseLiteral search = IgnoreCaseLiteral.of(literal);
        Matcher m = search.pattern().matcher(s);
        for (int from = 0; from <= s.length(); from++) {
          long expected = m.find(from) ? (long) m.start() << 32 | m.end() : -1;
          assertEquals(expected, search.find(s, folded, from), literal + " in " + s + " from " + from);
        }
      }
    }
  }

  @Test
  void onlyLiteralsOfTwoOrMoreCharsWithoutSurrogatesAreFolded() {
    assertTrue(IgnoreCaseLiteral.of("ab").foldable());
    assertFalse(IgnoreCaseLiteral.of("ß").foldable());
    assertFalse(IgnoreCaseLiteral.of("").foldable());
    assertFalse(IgnoreCaseLiteral.of("a\uD801\uDC00").foldable());
  }
}
