package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What IFEval's number_sentences sees; expected values are NLTK 3.10.3's sent_tokenize output. */
class SentenceSplitterTest {

  @Test
  void abbreviationsTitlesAndTimesDoNotEndSentences() {
    assertEquals(List.of("Mr. Smith went to Washington.", "He arrived at 3 p.m. on Monday."),
        SentenceSplitter.split("Mr. Smith went to Washington. He arrived at 3 p.m. on Monday."));
    assertEquals(List.of("Dr. Smith went home.", "He was tired."),
        SentenceSplitter.split("Dr. Smith went home. He was tired."));
  }

  @Test
  void initialsStayWithTheName() {
    assertEquals(List.of("J. R. R. Tolkien wrote books.", "J. Bach composed music.", "A. Smith and B. Jones met."),
        SentenceSplitter.split("J. R. R. Tolkien wrote books. J. Bach composed music. A. Smith and B. Jones met."));
  }

  @Test
  void newlinesAloneAreNotBoundaries() {
    assertEquals(List.of("Line one\nLine two\nLine three"), SentenceSplitter.split("Line one\nLine two\nLine three"));
  }

  @Test
  void closingQuotesAndBracketsStayOnTheirSentence() {
    assertEquals(List.of("He said \"Stop.\"", "Then he left.", "She asked, \"Why?\"", "Nobody knew."),
        SentenceSplitter.split("He said \"Stop.\" Then he left. She asked, \"Why?\" Nobody knew."));
    assertEquals(List.of("\u201cHello.\u201d", "She smiled."),
        SentenceSplitter.split("\u201cHello.\u201d She smiled."));
    assertEquals(List.of("(Sent one.)", "Sent two."), SentenceSplitter.split("(Sent one.) Sent two."));
  }

  @Test
  void repeatedEndMarksCountOnce() {
    assertEquals(List.of("Really?!", "No way!!!", "Yes way."), SentenceSplitter.split("Really?! No way!!! Yes way."));
  }

  @Test
  void emptyTextHasNoSentencesAndNullIsRejected() {
    assertEquals(List.of(), SentenceSplitter.split(""));
    assertEquals(List.of(), SentenceSplitter.split(" \n\t "));
    assertThrows(NullPointerException.class, () -> SentenceSplitter.split(null));
  }
}
