package ai.raif.rewards.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JudgePromptTest {
  /** The fast-thinking trigger of raif-spec §2.4 as a system prompt carries it (our own wording around the anchors). */
  static final String TRIGGER = "You are a helpful assistant. You first think about the reasoning process in your mind "
      + "and then provide the user with the answer. The reasoning process and answer are enclosed within <think> </think> "
      + "and <answer> </answer> tags, i.e., <think> reasoning process here </think><answer> answer here </answer>. "
      + "The user asks you to complete a task; your final response must be enclosed between one <answer> tag and one "
      + "</answer> tag.";

  @Test
  void literalsAreByteExact() {
    assertEquals("You are a helpful assistant.", JudgePrompt.SYSTEM);
    assertSameBytes("YES(\u662f)", JudgePrompt.YES);
    assertSameBytes("NO(\u5426)", JudgePrompt.NO);
    assertSameBytes("between one <answer> tag and one </answer> tag.", JudgePrompt.TRIGGER_END);
    assertSameBytes("<think> reasoning process here </think><answer> answer here </answer>.",
        JudgePrompt.TRIGGER_PATTERN_END);
    assertSameBytes("Here is the task definition:\n\n", JudgePrompt.TASK_DEFINITION);
  }

  static void assertSameBytes(String expected, String actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8),
        actual.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rubricAsksForTheTwoLabelsWithBothExamples() {
    String r = JudgePrompt.RUBRIC;
    assertTrue(r.contains("YES(是) or NO(否)"), r);
    assertTrue(r.contains("second person"), "the YES example");
    assertTrue(r.contains("second sentence"), "the NO example");
    assertFalse(r.endsWith("\n"), "the layout adds its own blank lines");
  }

  @Test
  void shrinkingDropsTheTriggerAndKeepsWhatFollows() {
    assertEquals(" Write a haiku about rain.", JudgePrompt.shrinkSystemPrompt(TRIGGER + " Write a haiku about rain."));
    assertEquals("", JudgePrompt.shrinkSystemPrompt(TRIGGER));
    // The trigger pattern sentence alone (a prompt without the closing sentence) is dropped too.
    assertEquals("\nRules follow.", JudgePrompt.shrinkSystemPrompt(
        "Think first: <think> reasoning process here </think><answer> answer here </answer>.\nRules follow."));
    assertEquals("Be brief.", JudgePrompt.shrinkSystemPrompt("Be brief."));
    assertEquals("", JudgePrompt.shrinkSystemPrompt(""));
  }

  @Test
  void shrinkingDropsEverythingUpToTheTaskDefinition() {
    String system = "Preamble. Here is the task definition:\n\nTranslate into French, keep it formal.";
    assertEquals("Translate into French, keep it formal.", JudgePrompt.shrinkSystemPrompt(system));
    // Task definition first, then the trigger inside what is left: both cuts apply, in this order.
    assertEquals(" Only the second half.", JudgePrompt.shrinkSystemPrompt(
        "x Here is the task definition:\n\nFirst half " + TRIGGER + " Only the second half."));
    // A trigger *before* the task definition is removed by the first cut already.
    assertEquals("Task text.", JudgePrompt.shrinkSystemPrompt(TRIGGER + "Here is the task definition:\n\nTask text."));
  }

  @Test
  void shrinkingCutsAtTheFirstOccurrenceOfEachMarker() {
    String twice = "a between one <answer> tag and one </answer> tag. b between one <answer> tag and one </answer> tag. c";
    assertEquals(" b between one <answer> tag and one </answer> tag. c", JudgePrompt.shrinkSystemPrompt(twice));
  }

  @Test
  void shrinkingIsByteExactOnTheAnchors() {
    // One character off (no final period, a different space) and nothing is cut.
    String noPeriod = "between one <answer> tag and one </answer> tag rest";
    assertEquals(noPeriod, JudgePrompt.shrinkSystemPrompt(noPeriod));
    String nbsp = "between one <answer> tag and one </answer>\u00a0tag. rest";
    assertEquals(nbsp, JudgePrompt.shrinkSystemPrompt(nbsp));
    String oneNewline = "Here is the task definition:\nrest";
    assertEquals(oneNewline, JudgePrompt.shrinkSystemPrompt(oneNewline));
  }

  @Test
  void instructionJoinsShrunkSystemAndUserAndStripsLikePython() {
    assertEquals("Write a haiku.\n\nAbout rain, please.",
        JudgePrompt.instruction(TRIGGER + " Write a haiku.", "About rain, please.\n"));
    assertEquals("About rain.", JudgePrompt.instruction(TRIGGER, "About rain."));
    assertEquals("About rain.", JudgePrompt.instruction(null, "About rain."));
    // Python's strip() removes NBSP and U+001C..U+001F as well; Java's String.strip() keeps NBSP.
    assertEquals("About rain.", JudgePrompt.instruction(null, "\u00a0About rain.\u001c\u3000"));
    // No user turn: the shrunk system text as is.
    assertEquals(" Rules.", JudgePrompt.instruction(TRIGGER + " Rules.", null));
  }

  @Test
  void userMessageLayoutIsByteExact() {
    String expected = JudgePrompt.RUBRIC + "\n\n\nInput:\n\nDo X.\n\n\nGenerated Text:\n\nX done.\n\n\nQuestion:\n\nIs X done?";
    assertEquals(expected, JudgePrompt.user("Do X.", "X done.", "Is X done?"));
    assertEquals(expected, JudgePrompt.user(new JudgeQuestion("Do X.", "X done.", "Is X done?")));
    String u = JudgePrompt.user("I", "A", "Q");
    assertTrue(u.endsWith("\n\n\nInput:\n\nI\n\n\nGenerated Text:\n\nA\n\n\nQuestion:\n\nQ"), u);
  }

  @Test
  void middleTruncationKeepsBothEnds() {
    String text = "HEAD-" + "x".repeat(1000) + "-TAIL";
    String cut = JudgePrompt.truncateMiddle(text, 100);
    assertEquals(100, cut.length());
    assertTrue(cut.startsWith("HEAD-x"), cut);
    assertTrue(cut.endsWith("x-TAIL"), cut);
    assertTrue(cut.contains(JudgePrompt.ELISION), cut);
    assertEquals(cut.indexOf(JudgePrompt.ELISION), 49, "head gets the odd char");
    assertEquals("short", JudgePrompt.truncateMiddle("short", 5));
    assertEquals("short", JudgePrompt.truncateMiddle("short", 100));
    assertEquals("\n…", JudgePrompt.truncateMiddle("a long text", 2));
    assertEquals("", JudgePrompt.truncateMiddle("a long text", 0));
    assertThrows(IllegalArgumentException.class, () -> JudgePrompt.truncateMiddle("x", -1));
  }

  @Test
  void middleTruncationNeverSplitsASurrogatePair() {
    String emoji = "\ud83d\ude00";
    String text = emoji.repeat(50);
    for (int max = 4; max < 40; max++) {
      String cut = JudgePrompt.truncateMiddle(text, max);
      assertTrue(cut.length() <= max, max + ": " + cut.length());
      String[] ends = cut.split(JudgePrompt.ELISION, -1);
      assertEquals(2, ends.length);
      for (String end : ends) assertEquals(end.length(), end.codePointCount(0, end.length()) * 2, max + ": " + end);
    }
  }
}
