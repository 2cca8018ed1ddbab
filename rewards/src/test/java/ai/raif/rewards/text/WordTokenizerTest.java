package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What IFEval's capital_word_frequency counts; expected values are NLTK 3.10.3's word_tokenize output. */
class WordTokenizerTest {

  @Test
  void contractionsAndAbbreviationsSplitLikeTreebank() {
    assertEquals(List.of("HELLO", "WORLD", ",", "it", "'s", "a", "U.S.A.", "THING", ".", "Do", "n't", "STOP-NOW", "!"),
        WordTokenizer.tokenize("HELLO WORLD, it's a U.S.A. THING. Don't STOP-NOW!"));
    assertEquals(List.of("I", "think", "DO", "N'T"), WordTokenizer.tokenize("I think DON'T"));
  }

  @Test
  void quotesBecomeTreebankQuotes() {
    assertEquals(List.of("He", "said", "``", "Stop", ".", "''", "Then", "he", "left", "."),
        WordTokenizer.tokenize("He said \"Stop.\" Then he left."));
  }

  @Test
  void periodsSplitOffOnlyAtSentenceEnd() {
    assertEquals(List.of("Pi", "is", "3.14", ".", "Version", "2.0.1", "is", "out", "."),
        WordTokenizer.tokenize("Pi is 3.14. Version 2.0.1 is out."));
  }

  @Test
  void macIntyreContractions() {
    // NLTK 3.10's opening-quote rule splits "'tis" before CONTRACTIONS3 ("'t" + "is") can see it
    assertEquals(List.of("I", "can", "not", "go", ",", "gon", "na", "win", ",", "'", "tis", "true", "."),
        WordTokenizer.tokenize("I cannot go, gonna win, 'tis true."));
  }

  @Test
  void supplementaryLettersCountAsWordCharacters() {
    // Python's (?<!\w) and \b see U+1D400 as a letter: no split inside the word, no quote split after it
    assertEquals(List.of("\uD835\uDC00cannot", "\uD835\uDC00'x", "."),
        WordTokenizer.tokenize("\uD835\uDC00cannot \uD835\uDC00'x."));
  }

  @Test
  void emptyTextHasNoTokens() {
    assertEquals(List.of(), WordTokenizer.tokenize(""));
  }
}
