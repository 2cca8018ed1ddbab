package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Java against the Python reference (NLTK 3.10.3, langdetect 1.0.9 seed 0, Python 3.11) on every golden case: the
 * 541 text-bison responses and 541 prompts of IFEval, the 294 IFBench sample responses, hand-written tricky texts and
 * 400 seeded random strings. Every output must be identical.
 */
class GoldenParityTest {

  @Test
  void goldenFileCoversTheBenchmarks() {
    assertEquals(541, count("ifeval-response-"));
    assertEquals(541, count("ifeval-prompt-"));
    assertEquals(294, count("ifbench-response-"));
    assertTrue(count("hand-") >= 80, "hand-written cases");
    assertEquals(400, count("random-"));
  }

  @Test
  void sentencesMatchNltkSentTokenize() {
    assertAllEqual("sent_tokenize", GoldenCases.Case::sentences, c -> SentenceSplitter.split(c.text()));
  }

  @Test
  void wordsMatchNltkWordTokenize() {
    assertAllEqual("word_tokenize", GoldenCases.Case::words, c -> WordTokenizer.tokenize(c.text()));
  }

  @Test
  void wordCountsMatchPythonReWordRuns() {
    assertAllEqual("\\w+ count", GoldenCases.Case::countRe, c -> WordCounter.countWords(c.text()));
  }

  @Test
  void languagesMatchSeededLangdetect() {
    assertAllEqual("langdetect", GoldenCases.Case::lang, c -> {
      try {
        return LanguageDetector.detect(c.text());
      } catch (LanguageNotDetectableException e) {
        return null;
      }
    });
  }

  @Test
  void nltkRegexEngineCountsDifferOnlyWhereTheTwoWordClassesDisagree() {
    // NLTK 3.10.3's RegexpTokenizer uses the regex module; the port pins stdlib re (see WordCounter)
    BitSet re = UnicodeTablesTest.ranges("re_word");
    BitSet regex = UnicodeTablesTest.ranges("regex_word");
    regex.xor(re);
    List<String> unexplained = GoldenCases.CASES.stream()
        .filter(c -> c.countRe() != c.countNltk() && c.text().codePoints().noneMatch(regex::get))
        .map(GoldenCases.Case::id).toList();
    assertEquals(List.of(), unexplained);
  }

  private static long count(String prefix) {
    return GoldenCases.CASES.stream().filter(c -> c.id().startsWith(prefix)).count();
  }

  private static <T> void assertAllEqual(String what, Function<GoldenCases.Case, T> expected,
                                         Function<GoldenCases.Case, T> actual) {
    List<String> mismatches = new ArrayList<>();
    for (GoldenCases.Case c : GoldenCases.CASES) {
      T want = expected.apply(c);
      T got = actual.apply(c);
      if (!Objects.equals(want, got)) mismatches.add(c.id() + "\n  python: " + want + "\n  java:   " + got);
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + GoldenCases.CASES.size() + " cases differ in " + what
        + ":\n" + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
  }
}
