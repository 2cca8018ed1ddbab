package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.follows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordInstructionsTest {
  private static final String EXISTENCE = "keywords:existence";
  private static final String FREQUENCY = "keywords:frequency";
  private static final String FORBIDDEN = "keywords:forbidden_words";
  private static final String LETTER = "keywords:letter_frequency";

  @Test
  void existenceNeedsEveryKeywordAsCaseInsensitiveSubstring() {
    List<String> keywords = List.of("correlated", "experiencing"); // key 1001's kwargs
    assertTrue(follows(EXISTENCE, "We are EXPERIENCING weather that is Correlated.", "keywords", keywords));
    assertFalse(follows(EXISTENCE, "We are experiencing weather.", "keywords", keywords));
    assertTrue(follows(EXISTENCE, "Concatenate", "keywords", List.of("cat")));
  }

  @Test
  void existenceSearchesKeywordsLiterallyNotAsRegex() {
    // The reference would crash on "C++" (a regex error) and let "." match any character.
    assertTrue(follows(EXISTENCE, "I like C++ a lot", "keywords", List.of("C++")));
    assertFalse(follows(EXISTENCE, "St Patrick", "keywords", List.of("St. Patrick")));
    assertFalse(follows(EXISTENCE, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "keywords", List.of("(a+)+$")));
  }

  @Test
  void frequencyCountsNonOverlappingSubstringsCaseInsensitively() {
    assertTrue(follows(FREQUENCY, "War, warfare, software", "keyword", "war", "frequency", 3, "relation", "at least"));
    assertFalse(follows(FREQUENCY, "War, warfare", "keyword", "war", "frequency", 3, "relation", "at least"));
    assertTrue(follows(FREQUENCY, "War, warfare", "keyword", "war", "frequency", 3, "relation", "less than"));
    // "aaaaa" holds "aa" twice without overlap
    assertTrue(follows(FREQUENCY, "aaaaa", "keyword", "aa", "frequency", 3, "relation", "less than"));
    assertTrue(follows(FREQUENCY, "keyword, Keyword, KEYWORD", "keyword", "  keyword ", "frequency", 3,
        "relation", "at least"));
  }

  @Test
  void frequencyZeroThresholdIsKept() {
    // evaluation_lib passes 0 on (lm-eval would drop it as falsy): "less than 0" can never hold
    assertFalse(follows(FREQUENCY, "no keyword", "keyword", "war", "frequency", 0, "relation", "less than"));
    assertTrue(follows(FREQUENCY, "no keyword", "keyword", "war", "frequency", 0, "relation", "at least"));
  }

  @Test
  void forbiddenWordsMatchOnPythonWordBoundaries() {
    List<String> words = List.of("cat");
    assertFalse(follows(FORBIDDEN, "Feed the CAT's toys", "forbidden_words", words));
    assertTrue(follows(FORBIDDEN, "Concatenate catalogs", "forbidden_words", words));
    assertTrue(follows(FORBIDDEN, "my_cat and cat9", "forbidden_words", words), "_ and digits are word characters");
    assertFalse(follows(FORBIDDEN, "cafe\u0301", "forbidden_words", List.of("cafe")), "combining marks are not");
    assertFalse(follows(FORBIDDEN, "running, then run!", "forbidden_words", List.of("run")));
    assertFalse(follows(FORBIDDEN, "x aaa aa", "forbidden_words", List.of("aa")), "later candidates are tried");
  }

  @Test
  void forbiddenWordsFailOnAnyListedWord() {
    List<String> words = List.of("field", "thanks", "issue", "collaborator"); // key 1005
    assertTrue(follows(FORBIDDEN, "Fields and collaborators are fine.", "forbidden_words", words));
    assertFalse(follows(FORBIDDEN, "No issue here.", "forbidden_words", words));
  }

  @Test
  void letterFrequencyCountsTheLowerCasedLetter() {
    assertFalse(follows(LETTER, "EEe", "letter", "e", "let_frequency", 2, "let_relation", "less than"));
    assertTrue(follows(LETTER, "EEe", "letter", "E", "let_frequency", 3, "let_relation", "at least"));
    assertTrue(follows(LETTER, "\u0130", "letter", "i", "let_frequency", 1, "let_relation", "at least"),
        "İ lower-cases to i + combining dot");
    assertTrue(follows(LETTER, "\uD83D\uDE00q", "letter", "q", "let_frequency", 2, "let_relation", "less than"));
  }

  @Test
  void letterFrequencyCountsANonLetterLiterally() {
    // Keys 1122 and 1129: the reference scores a random letter here; we count the character itself.
    assertTrue(
        follows(LETTER, "#one #two #three #four", "letter", "#", "let_frequency", 4, "let_relation", "at least"));
    assertFalse(follows(LETTER, "#one #two #three", "letter", "#", "let_frequency", 4, "let_relation", "at least"));
    assertTrue(follows(LETTER, "Wow!", "letter", "!", "let_frequency", 2, "let_relation", "less than"));
  }
}
