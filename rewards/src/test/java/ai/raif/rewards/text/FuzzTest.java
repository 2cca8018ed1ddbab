package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Arbitrary input never throws (except the documented "no features" of language detection) and stays fast. */
class FuzzTest {
  private static final int MEGABYTE = 1 << 20;

  @Test
  void randomUnicodeIncludingLoneSurrogatesNeverThrows() {
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(200);
      for (int j = 0; j < length; j++) {
        switch (random.nextInt(4)) {
          case 0 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
          case 1 -> text.append((char) random.nextInt(0x10000)); // may leave a lone surrogate
          case 2 -> text.append(" .!?'\"`()[]{}<>-*:;,\n\t\u00a0\u2019\u201d".charAt(random.nextInt(24)));
          default -> text.append((char) ('a' + random.nextInt(26)));
        }
      }
      assertRunsCleanly(text.toString());
    }
  }

  @Test
  void emptyAndBlankTextGiveNothing() {
    for (String blank : List.of("", " ", "\n\n", " \t\u3000\u00a0")) {
      assertEquals(List.of(), SentenceSplitter.split(blank));
      assertEquals(List.of(), WordTokenizer.tokenize(blank));
      assertEquals(0, WordCounter.countWords(blank));
    }
  }

  static Stream<Arguments> megabyteInputs() {
    Random random = new Random(7);
    StringBuilder unicode = new StringBuilder();
    while (unicode.length() < MEGABYTE) unicode.appendCodePoint(random.nextInt(0x30000));
    return Stream.of(
        Arguments.of("prose", repeat("Dr. Smith met Mr. Jones at 3 p.m. on Jan. 5. \"Really?\" he asked. It's fine. ")),
        Arguments.of("one long word", repeat("abcdefghij")),
        Arguments.of("periods only", repeat(".")),
        Arguments.of("spaced periods", repeat(". ")),
        Arguments.of("end char then bracket, no spaces", repeat("!(")),
        Arguments.of("abbreviations without spaces", repeat("a.")),
        Arguments.of("quotes and dashes", repeat("'\"--`' ")),
        Arguments.of("contractions", repeat("cannot gonna 'tis d'ye ")),
        Arguments.of("newlines", repeat("\n")),
        Arguments.of("emoji", repeat("\uD83D\uDE00")),
        Arguments.of("random code points", unicode.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("megabyteInputs")
  void megabyteInputsFinishInBoundedTime(String name, String text) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertRunsCleanly(text), name);
  }

  private static String repeat(String unit) {
    return unit.repeat(MEGABYTE / unit.length());
  }

  private static void assertRunsCleanly(String text) {
    assertDoesNotThrow(() -> {
      List<String> sentences = SentenceSplitter.split(text);
      for (String sentence : sentences) assertTrue(text.contains(sentence), "a sentence is a slice of the text");
      WordTokenizer.tokenize(text);
      WordCounter.countWords(text);
      try {
        LanguageDetector.detect(text);
      } catch (LanguageNotDetectableException expected) {
        // text without letters: documented outcome
      }
    }, () -> "input of length " + text.length());
  }
}
