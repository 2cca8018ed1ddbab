package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The literal scanners of number_paragraphs and multiple_sections against the regexes they stand for, on random text
 * made of the characters that matter (stars, Python whitespace, digits of several scripts, the splitter).
 */
class DividerScannerTest {
  private static final String[] PIECES = {"*", "**", "***", "****", " ", "\n", "\t", "\u00a0", "\u3000", "\u200b",
      "a", "b", "x", "1", "23", "\u0663", "\uD835\uDFCE", "\uD800", "Section", "SECTION", "Section ", "Day", "Da",
      "DayDay", "Sec", "\n\n", ".", "-"};

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(16);
    for (int i = 0; i < pieces; i++) text.append(PIECES[random.nextInt(PIECES.length)]);
    return text.toString();
  }

  private static List<int[]> regexMatches(Matcher m) {
    List<int[]> found = new ArrayList<>();
    while (m.find()) found.add(new int[] {m.start(), m.end()});
    return found;
  }

  @Test
  void paragraphDividersAreTheRegexMatches() {
    Random random = new Random(3);
    for (int i = 0; i < 30_000; i++) {
      String text = randomText(random);
      List<int[]> expected = regexMatches(NumberOfParagraphs.DIVIDER.matcher(text));
      List<int[]> got = new ArrayList<>();
      int from = 0;
      for (int start; (start = NumberOfParagraphs.nextDivider(text, from)) >= 0; ) {
        from = NumberOfParagraphs.dividerEnd(text, start);
        got.add(new int[] {start, from});
      }
      assertEquals(expected.size(), got.size(), text);
      for (int k = 0; k < got.size(); k++) {
        assertEquals(expected.get(k)[0], got.get(k)[0], text);
        assertEquals(expected.get(k)[1], got.get(k)[1], text);
      }
    }
  }

  @Test
  void sectionSplitsCountTheRegexMatches() {
    Random random = new Random(4);
    List<String> splitters = List.of("Section", "SECTION", "Day", "DayDay", "a", "aa", "*", "**", "Sec tion", "\u00e9");
    for (int i = 0; i < 30_000; i++) {
      String text = randomText(random);
      for (String splitter : splitters) {
        MultipleSections check = new MultipleSections(splitter, MultipleSections.pattern(splitter), 1);
        long expected = regexMatches(check.splitter().matcher(text)).size();
        assertEquals(expected, check.countSplits(text), splitter + " in " + text);
      }
    }
  }

  @Test
  void unusualSplittersFallBackToTheRegex() {
    assertFalse(MultipleSections.scannable(""));
    assertFalse(MultipleSections.scannable(" x"));
    assertFalse(MultipleSections.scannable("\uD835\uDC00"));
    assertTrue(MultipleSections.scannable("Section"));
    MultipleSections empty = new MultipleSections("", MultipleSections.pattern(""), 1);
    assertEquals(2, empty.countSplits("a 1 b 22"));
  }
}
