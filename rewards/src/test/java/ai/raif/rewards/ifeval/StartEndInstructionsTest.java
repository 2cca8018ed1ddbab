package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.follows;
import static ai.raif.rewards.ifeval.Checks.loose;
import static ai.raif.rewards.ifeval.Checks.strict;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartEndInstructionsTest {
  private static final String TWO = "combination:two_responses";
  private static final String REPEAT = "combination:repeat_prompt";
  private static final String END = "startend:end_checker";
  private static final String QUOTATION = "startend:quotation";
  private static final String NO_COMMA = "punctuation:no_comma";

  @Test
  void twoResponsesNeedExactlyTwoDifferentParts() {
    assertTrue(follows(TWO, "This is response 1.\n******\nThis is response 2."));
    assertTrue(follows(TWO, "******\nResponse 1\n******\nResponse 2\n******"), "blank ends are ignored");
    assertFalse(follows(TWO, "A\n******\nA"), "identical");
    assertFalse(follows(TWO, "1\n******\n2\n******\n3"), "three");
    assertFalse(follows(TWO, "A\n******\n******\nB"), "blank part in between");
    assertTrue(follows(TWO, "A*******B"), "seven stars leave \"*B\"");
  }

  @Test
  void repeatPromptComparesCaseInsensitivePrefix() {
    String prompt = "Write a CL description.";
    assertTrue(follows(REPEAT, "  write a cl DESCRIPTION. Hi, please check.", "prompt_to_repeat", prompt));
    assertFalse(follows(REPEAT, "Hi. Write a CL description.", "prompt_to_repeat", prompt));
    assertFalse(follows(REPEAT, "\"Write a CL description.\" Done.", "prompt_to_repeat", prompt));
  }

  @Test
  void endPhraseIgnoresSurroundingWhitespaceAndQuotes() {
    String phrase = "Is there anything else I can help with?"; // the most frequent end_phrase in IFEval
    assertTrue(follows(END, "Done. Is there anything else I can help with?\n", "end_phrase", phrase));
    assertTrue(follows(END, "\"Done. is there anything else i can help with?\"  ", "end_phrase", phrase));
    assertFalse(follows(END, "Is there anything else I can help with? Bye.", "end_phrase", phrase));
    assertFalse(follows(END, "\u201cPeace!\u201d", "end_phrase", "Peace!"), "smart quotes are not stripped");
    assertTrue(follows(END, "Peace!\u00a0", "end_phrase", "\n Peace! \n"));
  }

  @Test
  void quotationNeedsAsciiQuotesAtBothEnds() {
    assertTrue(follows(QUOTATION, "  \"This entire message is wrapped.\"\n"));
    assertFalse(follows(QUOTATION, "\"Wrapped.\" But not everything."));
    assertFalse(follows(QUOTATION, "\u201csmart quotes\u201d"));
    assertFalse(follows(QUOTATION, "\""));
    assertTrue(follows(QUOTATION, "\"\""));
  }

  @Test
  void quotationAfterAnIntroLinePassesOnlyLoosely() {
    String response = "Sure, here it is:\n\"The answer.\"";
    assertFalse(strict(QUOTATION, response));
    assertTrue(loose(QUOTATION, response));
  }

  @Test
  void noCommaRejectsOnlyTheAsciiComma() {
    assertTrue(follows(NO_COMMA, "Every sentence is short. No need for a comma."));
    assertFalse(follows(NO_COMMA, "Since the start of time, people punctuate."));
    assertTrue(follows(NO_COMMA, "Full-width\uff0cis allowed"));
  }

  @Test
  void blankResponsesFailEvenNegativeInstructions() {
    for (String blank : new String[] {"", "  ", "\n\t", "\u00a0\u2009\u001c\u0085"}) {
      assertFalse(strict(NO_COMMA, blank));
      assertFalse(loose(NO_COMMA, blank));
      assertFalse(strict("keywords:forbidden_words", blank, "forbidden_words", java.util.List.of("x")));
    }
  }
}
