package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.ifeval.PyRegex;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The linear check of {@code csv_special_character} agrees with the reference's (quadratic) regex everywhere. */
class CsvSpecialCharacterTest {
  /** The reference's {@code re.match(r'".*[^\w\s].*"', field)}, as the checker used it before: the oracle. */
  private static final Pattern REFERENCE = Pattern.compile(
      "\".*[^" + PyRegex.WORD_MEMBERS + PyRegex.SPACE_MEMBERS + "].*\"", Pattern.UNIX_LINES);

  @Test
  void agreesWithTheReferenceRegexOnRandomFields() {
    String alphabet = "\"\"a Z_9-,.!\n\t\r\u00e9\u3000\u00a0";
    String[] extras = {"\ud83d\ude00", "\ud83d", "\udc00"};  // an emoji, a lone high and a lone low surrogate
    SplittableRandom random = new SplittableRandom(7);
    int yes = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder(random.nextBoolean() ? "\"" : "");  // half of them open with a quote
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(random.nextInt(10) == 0 ? extras[random.nextInt(extras.length)]
            : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
      }
      String field = b.toString();
      boolean expected = REFERENCE.matcher(field).lookingAt();
      assertEquals(expected, CsvTables.quotedWithSpecialCharacter(field), () -> "field " + escape(field));
      if (expected) yes++;
    }
    assertTrue(yes > 20_000 && yes < 180_000, "both verdicts well represented: " + yes + " matches");
  }

  @Test
  void aLongFieldIsCheckedInOnePass() {
    // with no closing quote the regex tries every special character against every later position: quadratic in
    // the field's length (minutes here), one scan for the linear check
    String field = "\"" + "!".repeat(2_000_000);
    assertFalse(CsvTables.quotedWithSpecialCharacter(field));
    assertTrue(CsvTables.quotedWithSpecialCharacter(field + "\""));
    assertFalse(CsvTables.quotedWithSpecialCharacter(field + "\n\""), "'.' stops at a newline");
    assertFalse(CsvTables.quotedWithSpecialCharacter("\"" + "a".repeat(2_000_000) + "\""), "no special character");
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : c);
    return b.toString();
  }
}
