package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.follows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaseAndLanguageInstructionsTest {
  private static final String CAPITAL_WORDS = "change_case:capital_word_frequency";
  private static final String CAPITAL = "change_case:english_capital";
  private static final String LOWERCASE = "change_case:english_lowercase";
  private static final String LANGUAGE = "language:response_language";

  @Test
  void capitalWordsAreUpperCaseWordTokens() {
    String text = "HELLO WORLD, it's a U.S.A. THING. Don't STOP-NOW!";
    assertTrue(follows(CAPITAL_WORDS, text, "capital_frequency", 5, "capital_relation", "at least"));
    assertFalse(follows(CAPITAL_WORDS, text, "capital_frequency", 5, "capital_relation", "less than"));
    // "DON'T" is tokenized as "DO" + "N'T": with "I" that makes three
    assertFalse(follows(CAPITAL_WORDS, "I think DON'T", "capital_frequency", 2, "capital_relation", "less than"));
    assertTrue(follows(CAPITAL_WORDS, "HERE there are THREE FUlly CAPITAL words.", "capital_frequency", 3,
        "capital_relation", "at least"));
  }

  @Test
  void capitalWordFrequencyKeepsANegativeThreshold() {
    // The reference uses a negative capital_frequency as given (unlike the other counts).
    assertTrue(follows(CAPITAL_WORDS, "no capitals", "capital_frequency", -1, "capital_relation", "at least"));
  }

  @Test
  void englishCapitalNeedsUpperCaseEnglish() {
    assertTrue(follows(CAPITAL, "THIS IS AN ENGLISH SENTENCE. EVERY LETTER IS CAPITALIZED!!! AMAZING."));
    assertFalse(follows(CAPITAL, "Every Word Is Capitalized."));
    assertFalse(follows(CAPITAL, "123 456"), "no cased character");
    assertFalse(follows(CAPITAL, "DAS IST EIN DEUTSCHER SATZ UND ER IST GROSS."), "not English");
  }

  @Test
  void englishLowercaseNeedsLowerCaseEnglish() {
    assertTrue(follows(LOWERCASE, "every letter is lowercase."));
    assertFalse(follows(LOWERCASE, "Almost every letter is lowercase."));
    assertFalse(follows(LOWERCASE, "the \u01c5 digraph is titlecase"), "titlecase counts as neither");
    assertTrue(follows(LOWERCASE, "\u1d43\u1d47\u1d9c only modifier letters"), "Other_Lowercase letters");
  }

  @Test
  void responseLanguageUsesLangdetectAndPassesWithoutFeatures() {
    assertTrue(follows(LANGUAGE, "The response is English", "language", "en"));
    assertTrue(follows(LANGUAGE, "Heute ist ein schöner Tag und wir gehen in den Park.", "language", "de"));
    assertFalse(follows(LANGUAGE, "This is clearly an English sentence.", "language", "fr"));
    assertTrue(follows(LANGUAGE, "12345 !!!", "language", "fr"), "nothing to detect counts as followed");
  }
}
