package ai.raif.rewards.text;

import static ai.raif.rewards.text.PythonUnicode.DIGIT;
import static ai.raif.rewards.text.PythonUnicode.SPACE;
import static ai.raif.rewards.text.PythonUnicode.WORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link NltkWordTokenizer} (regexes behind cheap pre-checks, scanners for the commonest rules) against the plain
 * cascade of NLTK's regexes kept here as the oracle: every regex always runs. Token lists must be identical.
 */
class NltkWordTokenizerEquivalenceTest {
  private static final String END_OF_WORD = "(?!" + WORD + ")";

  private static final RegexRule WIDE_FINAL_PERIOD = plain("([^.])(\\.)([\\])}>\"'»”’ ]*)" + SPACE + "*$",
      m -> m.group(1) + " " + m.group(2) + " " + m.group(3) + " ");
  private static final RegexRule NARROW_FINAL_PERIOD = plain("([^.])(\\.)([\\])}>\"']*)" + SPACE + "*$",
      m -> m.group(1) + " " + m.group(2) + m.group(3) + " ");
  private static final RegexRule COLON_COMMA = plain("([:,])([^" + DIGIT + "])", m -> " " + m.group(1) + " " + m.group(2));
  private static final RegexRule SPACES = plain(SPACE + "+", m -> " ");

  /** NLTK 3.10.3's cascade as the port first wrote it, in order. */
  private static final List<TextRewrite> ORACLE = List.of(
      plain("([«“‘„]|[`]+)", m -> " " + m.group(1) + " "),
      plain("^\"", m -> "``"),
      plain("(``)", m -> " " + m.group(1) + " "),
      plain("([ (\\[{<])(\"|'{2})", m -> m.group(1) + " `` "),
      RegexRule.ignoreCase("(')(?!(?:re|ve|ll|m|t|s|d|n)" + END_OF_WORD + ")(?=" + WORD + ")", RegexRule.ALWAYS,
          m -> m.group(1) + " ", true),
      WIDE_FINAL_PERIOD,
      COLON_COMMA,
      plain("([:,])$", m -> " " + m.group(1) + " "),
      plain("\\.{2,}", m -> " " + m.group() + " "),
      plain("[;@#$%&]", m -> " " + m.group() + " "),
      plain("[\\x{2012}-\\x{2015}]", m -> " " + m.group() + " "),
      NARROW_FINAL_PERIOD,
      plain("[?!]", m -> " " + m.group() + " "),
      plain("([^'])' ", m -> m.group(1) + " ' "),
      plain("[*]", m -> " " + m.group() + " "),
      plain("[\\]\\[(){}<>]", m -> " " + m.group() + " "),
      plain("--", m -> " -- "),
      text -> " " + text + " ",
      plain("([»”’])", m -> " " + m.group(1) + " "),
      plain("''", m -> " '' "),
      plain("\"", m -> " '' "),
      SPACES,
      plain("([^' ])('[sS]|'[mM]|'[dD]|') ", m -> m.group(1) + " " + m.group(2) + " "),
      plain("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", m -> m.group(1) + " " + m.group(2) + " "),
      contraction("(can)(not)" + END_OF_WORD, true),
      contraction("(d)('ye)" + END_OF_WORD, true),
      contraction("(gim)(me)" + END_OF_WORD, true),
      contraction("(gon)(na)" + END_OF_WORD, true),
      contraction("(got)(ta)" + END_OF_WORD, true),
      contraction("(lem)(me)" + END_OF_WORD, true),
      contraction("(more)('n)" + END_OF_WORD, true),
      contraction("(wan)(na)(?=" + SPACE + ")", true),
      contraction(" ('t)(is)" + END_OF_WORD, false),
      contraction(" ('t)(was)" + END_OF_WORD, false));

  private static final String ALPHABET = "aAnNtTsSmMdDlLrRvVeEcCoOgGiIwWyY.,:;'\"`?!*()[]{}<>-@#$%&«»“”‘’„ \n\t\u00a0\u2003"
      + "\u2012\u2013\u2014\u20150123\u0663\u017f\u0131\u0130\u212a\u00e9";
  private static final String[] WORDS = {"cannot", "CanNot", "d'ye", "gimme", "gonna", "GOTTA", "lemme", "more'n",
      "wanna ", " 'tis", " 'Twas", "don't ", "I'm ", "it's ", "they'll ", "WE'RE ", "you've ", "can't ", "'", "''", "\"",
      "...", ". ", ".", ".)\" ", "a.", "U.S.", ": ", ", ", ",1", ":\n", "--", "\uD835\uDC00", "\uD835\uDFCE", "\uD800",
      "ſ", "'ſ ", "ı", "K", "  ", "\n"};

  private static RegexRule plain(String regex, java.util.function.Function<MatchResult, String> replacement) {
    return RegexRule.of(regex, RegexRule.ALWAYS, replacement);
  }

  private static RegexRule contraction(String regex, boolean afterNonWord) {
    return RegexRule.ignoreCase(regex, RegexRule.ALWAYS, m -> " " + m.group(1) + " " + m.group(2) + " ",
        afterNonWord);
  }

  private static List<String> oracle(String sentence) {
    String text = sentence;
    for (TextRewrite rule : ORACLE) text = rule.apply(text);
    return PythonUnicode.split(text);
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      switch (random.nextInt(3)) {
        case 0 -> text.append(WORDS[random.nextInt(WORDS.length)]);
        case 1 -> text.appendCodePoint(random.nextInt(0x3000));
        default -> text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return text.toString();
  }

  @Test
  void tokensEqualThePlainRegexCascadeOnGoldenSentences() {
    int sentences = 0;
    for (GoldenCases.Case c : GoldenCases.CASES) {
      for (String sentence : SentenceSplitter.split(c.text())) {
        assertEquals(oracle(sentence), NltkWordTokenizer.tokenize(sentence), sentence);
        sentences++;
      }
    }
    assertTrue(sentences > 5000, "sentences: " + sentences);
  }

  @Test
  void tokensEqualThePlainRegexCascadeOnRandomText() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random, random.nextInt(40));
      assertEquals(oracle(text), NltkWordTokenizer.tokenize(text), text);
    }
  }

  @Test
  void scannersEqualTheirRegexes() {
    Random random = new Random(5);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(random, random.nextInt(12));
      assertEquals(WIDE_FINAL_PERIOD.apply(text), NltkWordTokenizer.finalPeriod(text, "])}>\"'»”’ ", true), text);
      assertEquals(NARROW_FINAL_PERIOD.apply(text), NltkWordTokenizer.finalPeriod(text, "])}>\"'", false), text);
      assertEquals(COLON_COMMA.apply(text), NltkWordTokenizer.colonCommaBeforeNonDigit(text), text);
      assertEquals(SPACES.apply(text), NltkWordTokenizer.collapseSpaces(text), text);
    }
  }

  @Test
  void foldingFindsEveryCharacterThatCaseInsensitiveContractionsMatch() {
    // the pre-check of a contraction is "the folded text contains its letters": every character that a letter of a
    // (?iu) pattern matches (alone or in a literal run) must fold to that letter
    for (char p : "cannotdyegimmgonnagottalemmemorenwannatiswas'".toCharArray()) {
      Pattern single = Pattern.compile("(" + p + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      Pattern inRun = Pattern.compile("(q" + p + "q)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      for (int c = 0; c < 0x10000; c++) {
        String s = String.valueOf((char) c);
        boolean matches = single.matcher(s).matches() || inRun.matcher("q" + s + "q").matches();
        if (matches) assertEquals(String.valueOf(p), NltkWordTokenizer.fold(s), "U+" + Integer.toHexString(c));
      }
    }
  }
}
