package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Punkt's word scanner against the regex it stands for (NLTK's _word_tokenize_fmt), on random text. */
class PunktWordScannerTest {
  private static final String PIECES = ".-,!?;:()[]{}\"'`&#*@‘’“”«» \t\u00a0\u3000\nab1.,";
  private static final String[] WORDS = {"...", ". . .", ". . . .", ".  .", "--", "---", "Mr.", "U.S.", "3.14", "a,b",
      "word,", ",", "\uD835\uDC00", "\uD800", "\uDC00", "e.g.", "end.\n", "x. . ."};

  @Test
  void wordsAreTheRegexMatches() {
    Random random = new Random(9);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(14);
      for (int k = 0; k < pieces; k++) {
        switch (random.nextInt(3)) {
          case 0 -> text.append(WORDS[random.nextInt(WORDS.length)]);
          case 1 -> text.appendCodePoint(random.nextInt(0x2100));
          default -> text.append(PIECES.charAt(random.nextInt(PIECES.length())));
        }
      }
      String s = text.toString();
      assertEquals(regexWords(s), scannedWords(s), s);
    }
  }

  private static List<String> regexWords(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = PunktSentenceTokenizer.WORD_TOKENIZER.matcher(text);
    while (m.find()) words.add(m.start() + ":" + m.group());
    return words;
  }

  private static List<String> scannedWords(String text) {
    List<String> words = new ArrayList<>();
    for (long w = PunktSentenceTokenizer.nextWord(text, 0); w >= 0; w = PunktSentenceTokenizer.nextWord(text, (int) w)) {
      words.add((w >>> 32) + ":" + text.substring((int) (w >>> 32), (int) w));
    }
    return words;
  }
}
