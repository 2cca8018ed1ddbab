package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KwargsValidationTest {
  private static final IfevalChecker CHECKER = Checks.CHECKER;

  @Test
  void registersExactlyTheTwentyFiveIfevalIds() {
    assertEquals(25, IfevalChecker.ids().size());
    Set<String> categories = new TreeSet<>();
    IfevalChecker.ids().forEach(id -> categories.add(id.substring(0, id.indexOf(':'))));
    assertEquals(Set.of("change_case", "combination", "detectable_content", "detectable_format", "keywords",
        "language", "length_constraints", "punctuation", "startend"), categories);
  }

  @Test
  void everyConstraintOfIfevalsInputDataBinds() {
    Path inputData = SharedData.ifevalDir().resolve("input_data.jsonl");
    Set<String> seen = new TreeSet<>();
    int bound = 0;
    for (IfevalInput input : IfevalData.readInputs(inputData)) {
      bound += IfevalEvaluation.bind(RuleBenchmark.IFEVAL.registry(), input, inputData).size();
      seen.addAll(input.instructionIds());
    }
    assertEquals(834, bound);
    assertEquals(IfevalChecker.ids(), seen);
  }

  @Test
  void unknownIdNamesTheId() {
    InvalidConstraintException e =
        assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(constraint("keywords:key_sentences")));
    assertEquals("keywords:key_sentences", e.constraintId());
    assertEquals(null, e.key());
    assertTrue(e.getMessage().contains("unknown IFEval instruction id"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      keywords:existence                          | keywords          | is missing
      keywords:frequency                          | frequency         | is missing
      keywords:letter_frequency                   | let_relation      | is missing
      language:response_language                  | language          | is missing
      length_constraints:number_sentences         | relation          | is missing
      length_constraints:nth_paragraph_first_word | first_word        | is missing
      detectable_content:postscript               | postscript_marker | is missing
      detectable_format:multiple_sections         | section_spliter   | is missing
      combination:repeat_prompt                   | prompt_to_repeat  | is missing
      startend:end_checker                        | end_phrase        | is missing
      change_case:capital_word_frequency          | capital_frequency | is missing
      """)
  void missingKwargNamesIdAndKey(String id, String key, String reason) {
    Map<String, Object> complete = validKwargs(id);
    complete.put(key, null); // None entries count as missing, as evaluation_lib drops them
    assertInvalid(new Constraint(id, complete), id, key, reason);
  }

  @Test
  void illTypedOrOutOfRangeKwargsNameIdAndKey() {
    assertInvalid(constraint("length_constraints:number_words", "num_words", "300", "relation", "at least"),
        "length_constraints:number_words", "num_words", "must be an integer, got String \"300\"");
    assertInvalid(constraint("length_constraints:number_words", "num_words", 2.5, "relation", "at least"),
        "length_constraints:number_words", "num_words", "must be an integer");
    assertInvalid(constraint("length_constraints:number_words", "num_words", true, "relation", "at least"),
        "length_constraints:number_words", "num_words", "must be an integer");
    assertInvalid(constraint("length_constraints:number_words", "num_words", -1, "relation", "at least"),
        "length_constraints:number_words", "num_words", "must be >= 0");
    assertInvalid(constraint("length_constraints:number_words", "num_words", 300, "relation", "at most"),
        "length_constraints:number_words", "relation", "must be \"less than\" or \"at least\"");
    assertInvalid(constraint("keywords:existence", "keywords", "cat"), "keywords:existence", "keywords",
        "must be a list of strings");
    assertInvalid(constraint("keywords:existence", "keywords", List.of()), "keywords:existence", "keywords",
        "must not be empty");
    assertInvalid(constraint("keywords:forbidden_words", "forbidden_words", List.of("a", 3)),
        "keywords:forbidden_words", "forbidden_words", "must contain only strings");
    assertInvalid(constraint("keywords:frequency", "keyword", "", "frequency", 1, "relation", "at least"),
        "keywords:frequency", "keyword", "must not be empty");
    assertInvalid(constraint("language:response_language", "language", "zh-cn"), "language:response_language",
        "language", "must be one of IFEval's language codes");
    assertInvalid(constraint("combination:repeat_prompt", "prompt_to_repeat", ""), "combination:repeat_prompt",
        "prompt_to_repeat", "must not be empty");
  }

  @Test
  void letterMustBeOneCharacter() {
    assertInvalid(constraint("keywords:letter_frequency", "letter", "ab", "let_frequency", 1, "let_relation",
        "at least"), "keywords:letter_frequency", "letter", "must be a single character");
    assertInvalid(constraint("keywords:letter_frequency", "letter", "", "let_frequency", 1, "let_relation",
        "at least"), "keywords:letter_frequency", "letter", "must not be empty");
    assertInvalid(constraint("keywords:letter_frequency", "letter", "a", "let_frequency", -1, "let_relation",
        "at least"), "keywords:letter_frequency", "let_frequency", "must be >= 0");
  }

  @Test
  void nthParagraphMustLieWithinTheParagraphs() {
    String id = "length_constraints:nth_paragraph_first_word";
    assertInvalid(constraint(id, "num_paragraphs", 2, "nth_paragraph", 3, "first_word", "x"), id, "nth_paragraph",
        "must be between 1 and num_paragraphs (2), got 3");
    assertInvalid(constraint(id, "num_paragraphs", 2, "nth_paragraph", 0, "first_word", "x"), id, "nth_paragraph",
        "must be between 1");
  }

  @Test
  void unexpectedKwargIsRejectedButNullOnesAreIgnored() {
    assertInvalid(constraint("punctuation:no_comma", "num_words", 3), "punctuation:no_comma", "num_words",
        "is not an argument of this instruction");
    // The HF copy of IFEval lists every key with null where unused.
    Map<String, Object> hfStyle = new HashMap<>();
    for (String key : List.of("num_words", "relation", "keywords", "language")) hfStyle.put(key, null);
    CHECKER.bind(new Constraint("punctuation:no_comma", hfStyle));
  }

  @Test
  void wholeFloatsAndLongsAreAcceptedAsIntegers() {
    CHECKER.bind(constraint("length_constraints:number_words", "num_words", 300.0, "relation", "at least"));
    CHECKER.bind(constraint("length_constraints:number_words", "num_words", 3_000_000_000L, "relation", "less than"));
  }

  @Test
  void checkAndCheckLooseRejectInvalidConstraintsToo() {
    Constraint bad = constraint("keywords:frequency", "keyword", "war");
    assertThrows(InvalidConstraintException.class, () -> CHECKER.check(bad, "", "war"));
    assertThrows(InvalidConstraintException.class, () -> CHECKER.checkLoose(bad, "", "war"));
  }

  private static void assertInvalid(Constraint c, String id, String key, String reason) {
    InvalidConstraintException e = assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(c));
    assertEquals(id, e.constraintId());
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains("'" + id + "'") && e.getMessage().contains("'" + key + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  /** A valid kwargs map for the ids the missing-kwarg test uses, so that only the removed key is wrong. */
  private static Map<String, Object> validKwargs(String id) {
    Map<String, Object> m = new HashMap<>();
    switch (id) {
      case "keywords:existence" -> m.put("keywords", List.of("a"));
      case "keywords:frequency" -> m.putAll(Map.of("keyword", "a", "frequency", 1, "relation", "at least"));
      case "keywords:letter_frequency" -> m.putAll(Map.of("letter", "a", "let_frequency", 1, "let_relation",
          "at least"));
      case "language:response_language" -> m.put("language", "en");
      case "length_constraints:number_sentences" -> m.putAll(Map.of("num_sentences", 1, "relation", "at least"));
      case "length_constraints:nth_paragraph_first_word" -> m.putAll(Map.of("num_paragraphs", 2, "nth_paragraph", 1,
          "first_word", "a"));
      case "detectable_content:postscript" -> m.put("postscript_marker", "P.S.");
      case "detectable_format:multiple_sections" -> m.putAll(Map.of("section_spliter", "Section", "num_sections", 2));
      case "combination:repeat_prompt" -> m.put("prompt_to_repeat", "Write.");
      case "startend:end_checker" -> m.put("end_phrase", "Bye.");
      case "change_case:capital_word_frequency" -> m.putAll(Map.of("capital_frequency", 2, "capital_relation",
          "at least"));
      default -> throw new IllegalArgumentException(id);
    }
    CHECKER.bind(new Constraint(id, m));
    return m;
  }
}
