package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalInput;
import ai.raif.rewards.ifeval.SharedData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IfbenchCheckerTest {
  private static final IfbenchChecker CHECKER = new IfbenchChecker();

  static Constraint constraint(String id, Object... kwargs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kwargs.length; i += 2) map.put((String) kwargs[i], kwargs[i + 1]);
    return new Constraint(id, map);
  }

  @Test
  void registryHoldsTheClassicAndTheOutOfDistributionIds() {
    assertEquals(83, IfbenchChecker.ids().size());
    assertEquals(58, IfbenchChecker.oodIds().size());
    assertEquals(List.copyOf(IfevalChecker.ids()), List.copyOf(IfbenchChecker.ids()).subList(0, 25));
    assertEquals("count:word_count_range", IfbenchChecker.oodIds().iterator().next());
  }

  @Test
  void everyTestSetRowBindsExceptTheUnsupportedStartVerb() {
    List<IfevalInput> rows = IfevalData.readInputs(SharedData.benchmarkDir("ifbench").resolve("IFBench_test.jsonl"));
    assertEquals(300, rows.size());
    Set<String> used = new TreeSet<>();
    List<String> unsupported = new ArrayList<>();
    for (IfevalInput row : rows) {
      for (int i = 0; i < row.instructionIds().size(); i++) {
        String id = row.instructionIds().get(i);
        used.add(id);
        try {
          CHECKER.bind(new Constraint(id, row.kwargs().get(i)));
        } catch (InvalidConstraintException e) {
          assertEquals("words:start_verb", e.constraintId(), e.getMessage());
          unsupported.add(row.key().replace("\"", "")); // the JSON text of a string key
        }
      }
    }
    assertEquals(IfbenchChecker.oodIds(), used, "the test set uses exactly the 58 ids");
    assertEquals(List.of("257", "258", "259", "260", "261", "262"), unsupported);
  }

  @Test
  void startVerbIsAnUnsupportedIdWithAClearMessage() {
    InvalidConstraintException e =
        assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(constraint("words:start_verb")));
    assertTrue(e.getMessage().startsWith("constraint 'words:start_verb': is not supported"), e.getMessage());
    assertTrue(e.getMessage().contains("averaged_perceptron_tagger_eng"), e.getMessage());
  }

  @Test
  void classicIdsAreCheckedByTheIfevalCheckers() {
    assertTrue(CHECKER.check(constraint("punctuation:no_comma"), "", "no comma here"));
    assertFalse(CHECKER.check(constraint("punctuation:no_comma"), "", "a, b"));
    assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(constraint("keywords:frequency")));
    InvalidConstraintException e =
        assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(constraint("count:nonsense")));
    assertTrue(e.getMessage().contains("unknown IFBench instruction id"), e.getMessage());
  }

  @Test
  void kwargsAreValidatedWithTheirNames() {
    assertMessage(constraint("count:numbers"), "kwarg 'N': is missing");
    assertMessage(constraint("count:numbers", "N", -1), "kwarg 'N': must be >= 0");
    assertMessage(constraint("count:numbers", "N", 2.5), "kwarg 'N': must be an integer");
    assertMessage(constraint("count:words_japanese", "N", 0), "kwarg 'N': must be >= 1");
    assertMessage(constraint("ratio:stop_words", "percentage", "ten"), "kwarg 'percentage': must be a number");
    assertMessage(constraint("words:keywords_specific_position", "keyword", "x", "n", 0, "m", 1), "kwarg 'n'");
    assertMessage(constraint("repeat:repeat_change", "prompt_to_repeat", ""), "kwarg 'prompt_to_repeat'");
    assertMessage(constraint("format:emoji", "N", 3), "kwarg 'N': is not an argument");
    // whole floats are integers (the test set stores N as 5.0); nulls are "not given"
    assertTrue(CHECKER.check(constraint("count:numbers", "N", 2.0, "keyword", null), "", "1 and 2"));
    // the custom tasks take **kwargs and ignore them
    assertTrue(CHECKER.check(constraint("custom:character_reverse", "anything", 1), "", "elgae dlab"));
  }

  @Test
  void blankResponsesFailEvenInstructionsTheyWouldFollow() {
    Constraint quoteFree = constraint("format:quote_unquote");
    assertTrue(CHECKER.bind(quoteFree).isFollowedBy(" "));
    assertFalse(CHECKER.check(quoteFree, "", " \n"));
    assertFalse(CHECKER.checkLoose(quoteFree, "", " \n"));
  }

  @Test
  void looseModeTriesTheResponseWithoutFirstLineAndAsterisks() {
    Constraint titleCase = constraint("format:title_case");
    String response = "here is my answer:\n**The Cat Sat On The Mat**";
    assertFalse(CHECKER.check(titleCase, "", response));
    assertTrue(CHECKER.checkLoose(titleCase, "", response));
  }

  @Test
  void noCheckerThrowsOnAwkwardText() {
    Map<String, Object[]> kwargs = new HashMap<>();
    kwargs.put("count:word_count_range", new Object[] {"min_words", 1, "max_words", 3});
    kwargs.put("count:unique_word_count", new Object[] {"N", 1});
    kwargs.put("ratio:stop_words", new Object[] {"percentage", 10});
    kwargs.put("count:conjunctions", new Object[] {"small_n", 1});
    kwargs.put("count:person_names", new Object[] {"N", 1});
    kwargs.put("ratio:overlap", new Object[] {"reference_text", "abc", "percentage", 10});
    kwargs.put("count:numbers", new Object[] {"N", 1});
    kwargs.put("format:options", new Object[] {"options", "yes/no"});
    kwargs.put("count:words_japanese", new Object[] {"N", 1});
    kwargs.put("words:repeats", new Object[] {"small_n", 1});
    kwargs.put("sentence:keyword", new Object[] {"word", "a", "N", 0});
    kwargs.put("count:pronouns", new Object[] {"N", 1});
    kwargs.put("sentence:increment", new Object[] {"small_n", 1});
    kwargs.put("format:list", new Object[] {"sep", ""});
    kwargs.put("count:keywords_multiple",
        new Object[] {"keyword1", "a", "keyword2", "b", "keyword3", "c", "keyword4", "d", "keyword5", "e"});
    kwargs.put("words:keywords_specific_position", new Object[] {"keyword", "a", "n", 2, "m", 9});
    kwargs.put("words:words_position", new Object[] {"keyword", "a"});
    kwargs.put("repeat:repeat_change", new Object[] {"prompt_to_repeat", "p"});
    kwargs.put("repeat:repeat_span", new Object[] {"prompt_to_repeat", "p", "n_start", -5, "n_end", 40});
    List<String> texts = List.of("", " ", "*", "\"", "'\"'", "-", "\r", "a,\rb", "\uD83D\uDE00", "<i></i>", "<em>x",
        "Question", "Question 1\n\n", "\"\t\"", "1800-1-1", "(((((", "x\n\n\n", "İ", "ﬃ", "a\u0301", "\u0000");
    for (String id : IfbenchChecker.oodIds()) {
      if (id.equals("words:start_verb")) continue;
      var instruction = CHECKER.bind(constraint(id, kwargs.getOrDefault(id, new Object[0])));
      for (String text : texts) instruction.isFollowedBy(text); // must not throw
    }
  }

  private static void assertMessage(Constraint constraint, String part) {
    InvalidConstraintException e = assertThrows(InvalidConstraintException.class, () -> CHECKER.bind(constraint));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
