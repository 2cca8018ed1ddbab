package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.follows;
import static ai.raif.rewards.ifeval.Checks.loose;
import static ai.raif.rewards.ifeval.Checks.strict;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LengthInstructionsTest {
  private static final String SENTENCES = "length_constraints:number_sentences";
  private static final String PARAGRAPHS = "length_constraints:number_paragraphs";
  private static final String WORDS = "length_constraints:number_words";
  private static final String NTH = "length_constraints:nth_paragraph_first_word";

  @Test
  void sentencesAreCountedByPunktNotByNewlines() {
    assertTrue(follows(SENTENCES, "Line one\nLine two\nLine three", "num_sentences", 2, "relation", "less than"));
    String abbreviations = "Mr. Smith went to Washington. He arrived at 3 p.m. on Monday.";
    assertTrue(follows(SENTENCES, abbreviations, "num_sentences", 2, "relation", "at least"));
    assertFalse(follows(SENTENCES, abbreviations, "num_sentences", 3, "relation", "at least"));
    assertFalse(follows(SENTENCES, "One. Two! Three?", "num_sentences", 3, "relation", "less than"));
  }

  @Test
  void paragraphsAreSeparatedByTripleStars() {
    assertTrue(follows(PARAGRAPHS, "A *** B ***C", "num_paragraphs", 3));
    assertTrue(follows(PARAGRAPHS, "A\n****\nB", "num_paragraphs", 2), "four stars also divide");
    assertFalse(follows(PARAGRAPHS, "A\n***\n\n***\nB", "num_paragraphs", 2), "blank paragraph in between");
    assertFalse(follows(PARAGRAPHS, "A\n***\nB", "num_paragraphs", 3));
    assertTrue(follows(PARAGRAPHS, "\n***\np1\n***\np2\n***\np3\n***", "num_paragraphs", 3), "blank ends ignored");
    assertTrue(follows(PARAGRAPHS, "One paragraph only.", "num_paragraphs", 1));
  }

  @Test
  void paragraphDividerTakesOnePythonWhitespaceCharacterEachSide() {
    assertTrue(follows(PARAGRAPHS, "A\u00a0***\u00a0B", "num_paragraphs", 2));
    // Two spaces: the second stays in the part, which is still non-blank.
    assertTrue(follows(PARAGRAPHS, "A  ***  B", "num_paragraphs", 2));
  }

  @Test
  void wordsAreWordCharacterRuns() {
    String text = "Don't stop-believing, it's 3.14!"; // 8 runs of \w
    assertTrue(follows(WORDS, text, "num_words", 8, "relation", "at least"));
    assertFalse(follows(WORDS, text, "num_words", 9, "relation", "at least"));
    assertTrue(follows(WORDS, text, "num_words", 9, "relation", "less than"));
    assertTrue(follows(WORDS, "snake_case", "num_words", 2, "relation", "less than"));
  }

  @Test
  void nthParagraphFirstWordStripsQuotesAndPunctuation() {
    String response = "\"Weekend, fun.\"\n\nSecond.";
    assertTrue(follows(NTH, response, "num_paragraphs", 2, "nth_paragraph", 1, "first_word", "weekend"));
    assertTrue(follows(NTH, response, "num_paragraphs", 2, "nth_paragraph", 1, "first_word", "WEEKEND"));
    assertFalse(follows(NTH, response, "num_paragraphs", 3, "nth_paragraph", 1, "first_word", "weekend"));
    assertFalse(follows(NTH, response, "num_paragraphs", 2, "nth_paragraph", 2, "first_word", "weekend"));
    assertTrue(follows(NTH, "a\n\nRea!lly more", "num_paragraphs", 2, "nth_paragraph", 2, "first_word", "rea"));
  }

  @Test
  void nthParagraphKeepsTheReferenceIndexingBug() {
    // Two non-blank paragraphs, but "paragraph 2" is taken from the unfiltered split: "First para."
    String response = "\n\nFirst para.\n\nSummary: done.";
    assertFalse(strict(NTH, response, "num_paragraphs", 2, "nth_paragraph", 2, "first_word", "summary"));
    assertFalse(loose(NTH, response, "num_paragraphs", 2, "nth_paragraph", 2, "first_word", "summary"));
  }

  @Test
  void nthParagraphLowerCasesTheWordOneCharacterAtATime() {
    // Per-character lower() has no final sigma: "ΟΔΟΣ" becomes "οδοσ", not "οδος".
    assertFalse(follows(NTH, "ΟΔΟΣ here", "num_paragraphs", 1, "nth_paragraph", 1, "first_word", "οδος"));
    assertTrue(follows(NTH, "ΟΔΟΣ here", "num_paragraphs", 1, "nth_paragraph", 1, "first_word", "οδοσ"));
  }

  @Test
  void nthParagraphBoldWordPassesOnlyLoosely() {
    String response = "**Summary** here";
    assertFalse(strict(NTH, response, "num_paragraphs", 1, "nth_paragraph", 1, "first_word", "summary"));
    assertTrue(loose(NTH, response, "num_paragraphs", 1, "nth_paragraph", 1, "first_word", "summary"));
  }
}
