package ai.raif.rewards.reward;

import static ai.raif.rewards.reward.FakeChecker.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.reward.ConstraintVerdict.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RaifRewardTest {
  private static final double EPS = 1e-12;
  private static final RewardTask IFEVAL = RewardTask.of(TaskKind.IFEVAL);
  private static final RewardTask COMPLEX = RewardTask.of(TaskKind.COMPLEX);
  private static final CompositeLabel ABC =
      CompositeLabel.ofRules(List.of(contains("alpha"), contains("beta"), contains("gamma")));
  private static final RewardConfig CODE_GATE_ONLY =
      new RewardConfig(Fidelity.CODE_FAITHFUL, TagLayout.THINK_ANSWER, false);

  private static RaifReward reward(RewardConfig config) {
    return new RaifReward(new FakeChecker(), config);
  }

  private static RewardConfig config(String name) {
    return switch (name) {
      case "paper" -> RewardConfig.paper();
      case "code" -> CODE_GATE_ONLY;
      case "code+swap" -> RewardConfig.codeFaithful();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Label: contains alpha, beta, gamma. Values hand-computed from raif-spec §3.7. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      all pass                         | paper     | THINK  | <think>plan</think><answer>alpha beta gamma</answer>             |  1 |  2                  |  3
      one of three                     | paper     | THINK  | <think>plan</think><answer>alpha</answer>                        |  1 |  0.3333333333333333 |  1.3333333333333333
      two of three                     | paper     | THINK  | <think>plan</think><answer>alpha gamma</answer>                  |  1 |  0.6666666666666666 |  1.6666666666666667
      none                             | paper     | THINK  | <think>plan</think><answer>nothing</answer>                      |  1 | -2                  | -1
      whitespace around tags           | paper     | THINK  | \\n<think>\\n plan \\n</think>\\n\\n<answer>\\n alpha beta gamma\\n</answer>\\n |  1 |  2 |  3
      text around tags                 | paper     | THINK  | Sure! <think>plan</think> so <answer>alpha beta gamma</answer> ok |  1 |  2                  |  3
      missing </answer>                | paper     | THINK  | <think>plan</think><answer>alpha beta gamma                      | -1 | -2                  | -3
      missing <think>                  | paper     | THINK  | plan</think><answer>alpha beta gamma</answer>                    | -1 | -2                  | -3
      duplicated think block           | paper     | THINK  | <think>a</think><think>b</think><answer>alpha beta gamma</answer> | -1 | -2                 | -3
      duplicated answer block          | paper     | THINK  | <think>p</think><answer>x</answer><answer>alpha beta gamma</answer> | -1 | -2               | -3
      answer before think              | paper     | THINK  | <answer>alpha beta gamma</answer><think>plan</think>             | -1 | -2                  | -3
      upper-case tags                  | paper     | THINK  | <THINK>plan</THINK><answer>alpha beta gamma</answer>             | -1 | -2                  | -3
      empty think, think mode          | paper     | THINK  | <think>\\n\\n</think>\\n<answer>alpha beta gamma</answer>        |  1 | -2                  | -1
      placeholder think                | paper     | THINK  | <think>reasoning process here</think><answer>alpha beta gamma</answer> | 1 | -2            | -1
      placeholder think, other case    | paper     | THINK  | <think>Reasoning Process Here</think><answer>alpha beta gamma</answer> | 1 | -2            | -1
      empty answer                     | paper     | THINK  | <think>plan</think><answer> </answer>                            |  1 | -2                  | -1
      direct, all pass                 | paper     | DIRECT | <think>\\n\\n</think>\\n<answer>alpha beta gamma</answer>        |  1 |  2                  |  3
      direct, one of three             | paper     | DIRECT | <think>\\n\\n</think>\\n<answer>beta</answer>                    |  1 |  0.3333333333333333 |  1.3333333333333333
      direct, malformed                | paper     | DIRECT | <think>\\n\\n</think>\\nalpha beta gamma                         | -1 | -2                  | -3
      direct, empty answer             | paper     | DIRECT | <think>\\n\\n</think>\\n<answer></answer>                        |  1 | -2                  | -1
      chat: whole output, all pass     | paper     | CHAT   | alpha beta gamma                                                 |  1 |  2                  |  3
      chat: one of three, tags ignored | paper     | CHAT   | <answer>gamma</answer>                                           |  1 |  0.3333333333333333 |  1.3333333333333333
      chat: no format to fail         | paper     | CHAT   | <think>alpha</think> beta                                        |  1 |  0.6666666666666666 |  1.6666666666666667
      chat: none                       | paper     | CHAT   | nothing                                                          |  1 | -2                  | -1
      chat: empty output is gated      | paper     | CHAT   | \\n                                                              |  1 | -2                  | -1
      code: all pass                   | code      | THINK  | <think>plan</think><answer>alpha beta gamma</answer>             |  1 |  2                  |  3
      code: direct is gated            | code      | DIRECT | <think>\\n\\n</think>\\n<answer>alpha beta gamma</answer>        |  1 | -2                  | -1
      code: placeholder, other case    | code      | THINK  | <think>Reasoning Process Here</think><answer>alpha beta gamma</answer> | 1 | -2            | -1
      code+swap: ifeval always -2      | code+swap | THINK  | <think>plan</think><answer>alpha beta gamma</answer>             |  1 | -2                  | -1
      code+swap: malformed             | code+swap | THINK  | <think>plan</think>alpha beta gamma                              | -1 | -2                  | -3
      """)
  void ifevalRewardTable(String name, String config, RolloutMode mode, String output, double format,
      double accuracy, double total) {
    RewardResult r = reward(config(config)).scoreConstraints(IFEVAL, "prompt", output.replace("\\n", "\n"), mode, ABC,
        null);
    assertEquals(format, r.formatReward(), EPS, "format");
    assertEquals(accuracy, r.accuracyReward(), EPS, "accuracy");
    assertEquals(total, r.total(), EPS, "total");
    assertEquals(accuracy == -2 && r.verdicts().isEmpty(), r.gated(), "gated iff scored -2 without verdicts");
  }

  @Test
  void resultKeepsEverythingForTheRewardsTable() {
    RewardResult r = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "prompt",
        "<think> plan </think><answer> alpha gamma </answer>", RolloutMode.THINK, ABC, null);
    assertEquals(TaskKind.IFEVAL, r.kind());
    assertEquals(RolloutMode.THINK, r.mode());
    assertTrue(r.formatOk());
    assertEquals("plan", r.thinkText());
    assertEquals("alpha gamma", r.answerText());
    assertEquals(List.of(Outcome.PASSED, Outcome.FAILED, Outcome.PASSED),
        r.verdicts().stream().map(ConstraintVerdict::outcome).toList());
    assertEquals(contains("beta"), r.verdicts().get(1).constraint());
    assertEquals(2.0 / 3, r.ruleScore(), EPS);
    assertEquals(2, r.passedCount());
    assertEquals(3, r.checkedCount());
    assertNull(r.error());
  }

  @Test
  void gatedResultHasNoVerdictsAndNoRuleScore() {
    RewardResult r = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p",
        "<think></think><answer>alpha</answer>", RolloutMode.THINK, ABC, null);
    assertTrue(r.gated());
    assertTrue(r.verdicts().isEmpty());
    assertNull(r.ruleScore());
    assertEquals("", r.thinkText());
  }

  @Test
  void withTheSubstanceCheckAnAnswerCopyingItsReasoningOrTooShortIsGatedThoughItPassesEveryRule() {
    RaifReward checked = reward(RewardConfig.paper().withSubstance(new AnswerSubstance(0.5, 5)));
    String copied = "<think>use the words alpha beta gamma</think><answer>use the words alpha beta gamma</answer>";
    RewardResult copy = checked.scoreConstraints(IFEVAL, "p", copied, RolloutMode.THINK, ABC, null);
    assertTrue(copy.gated());
    assertEquals(-1.0, copy.total(), EPS, "format +1, gated -2");
    assertEquals(3.0, reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p", copied, RolloutMode.THINK, ABC,
        null).total(), EPS, "off in the preset");

    RewardResult shortAnswer = checked.scoreConstraints(IFEVAL, "p",
        "<think>plan</think><answer>alpha beta gamma</answer>", RolloutMode.THINK, ABC, null);
    assertTrue(shortAnswer.gated(), "3 words < 5");
    RewardResult answer = checked.scoreConstraints(IFEVAL, "p",
        "<think>plan</think><answer>alpha then beta and finally gamma</answer>", RolloutMode.THINK, ABC, null);
    assertEquals(3.0, answer.total(), EPS);
    RewardResult chatCopy = checked.scoreConstraints(IFEVAL, "say alpha beta gamma and more",
        "say alpha beta gamma and more", RolloutMode.CHAT, ABC, null);
    assertTrue(chatCopy.gated(), "a chat answer that copies the instruction");
  }

  @Test
  void anInvalidConstraintIsRecordedAndLeftOutOfK() {
    CompositeLabel label = CompositeLabel.ofRules(List.of(contains("alpha"), new Constraint("bogus:id", Map.of()),
        contains("gamma")));
    RewardResult allValidPass = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p",
        "<think>t</think><answer>alpha gamma</answer>", RolloutMode.THINK, label, null);
    assertEquals(2.0, allValidPass.accuracyReward(), EPS);
    assertEquals(3.0, allValidPass.total(), EPS);
    assertEquals(Outcome.INVALID, allValidPass.verdicts().get(1).outcome());
    assertTrue(allValidPass.error().contains("bogus:id"), allValidPass.error());
    assertEquals(1.0, allValidPass.ruleScore(), EPS);

    RewardResult half = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p",
        "<think>t</think><answer>alpha</answer>", RolloutMode.THINK, label, null);
    assertEquals(0.5, half.accuracyReward(), EPS);
    assertEquals(2, half.checkedCount());
  }

  @Test
  void aLabelWithNothingCheckableScoresZeroInPaperModeAndVacuousTwoInCodeMode() {
    String output = "<think>t</think><answer>alpha</answer>";
    CompositeLabel empty = CompositeLabel.ofRules(List.of());
    CompositeLabel allInvalid = CompositeLabel.ofRules(List.of(new Constraint("fake:contains", Map.of())));
    RewardResult paperEmpty = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p", output, RolloutMode.THINK,
        empty, null);
    assertEquals(0.0, paperEmpty.accuracyReward());
    assertEquals(1.0, paperEmpty.total());
    assertEquals("label has no active constraints", paperEmpty.error());
    RewardResult paperInvalid = reward(RewardConfig.paper()).scoreConstraints(IFEVAL, "p", output,
        RolloutMode.THINK, allInvalid, null);
    assertEquals(0.0, paperInvalid.accuracyReward());
    assertTrue(paperInvalid.error().contains("kwarg 'word'"), paperInvalid.error());
    assertNull(paperInvalid.ruleScore());
    assertEquals(2.0, reward(CODE_GATE_ONLY).scoreConstraints(IFEVAL, "p", output, RolloutMode.THINK, empty, null)
        .accuracyReward());
    assertEquals(2.0, reward(CODE_GATE_ONLY).scoreConstraints(IFEVAL, "p", output, RolloutMode.THINK, allInvalid,
        null).accuracyReward());
  }

  @Test
  void judgedTasksUseTheVerdictsInQuestionOrder() {
    CompositeLabel label = CompositeLabel.ofQuestions(List.of("Is it short?", "Is it polite?"));
    String output = "<think>t</think><answer>Hello.</answer>";
    RaifReward paper = reward(RewardConfig.paper());
    assertEquals(3.0, paper.scoreConstraints(COMPLEX, "p", output, RolloutMode.THINK, label, List.of(true, true))
        .total());
    assertEquals(-1.0, paper.scoreConstraints(COMPLEX, "p", output, RolloutMode.THINK, label, List.of(false, false))
        .total());
    RewardResult half = paper.scoreConstraints(COMPLEX, "p", output, RolloutMode.THINK, label, List.of(true, false));
    assertEquals(1.5, half.total(), EPS);
    assertEquals(new Constraint("judge:question", Map.of("question", "Is it polite?")),
        half.verdicts().get(1).constraint());
    assertFalse(half.verdicts().get(1).passed());
  }

  @Test
  void judgeVerdictsMustMatchTheQuestions() {
    CompositeLabel label = CompositeLabel.ofQuestions(List.of("a?", "b?", "c?"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> reward(RewardConfig.paper()).scoreConstraints(COMPLEX, "p", "<think>t</think><answer>x</answer>",
            RolloutMode.THINK, label, List.of(true, false)));
    assertEquals("judge gave 2 verdicts for 3 questions", e.getMessage());
  }

  @Test
  void gatedJudgedResponsesNeedNoVerdicts() {
    CompositeLabel label = CompositeLabel.ofQuestions(List.of("a?"));
    RaifReward paper = reward(RewardConfig.paper());
    String empty = "<think></think><answer>x</answer>";
    assertFalse(paper.admits(COMPLEX, empty, RolloutMode.THINK));
    assertTrue(paper.admits(COMPLEX, empty, RolloutMode.DIRECT));
    assertEquals(-1.0, paper.scoreConstraints(COMPLEX, "p", empty, RolloutMode.THINK, label, null).total());
  }

  @Test
  void codeFaithfulJudgePathComparesThePlaceholderExactly() {
    CompositeLabel label = CompositeLabel.ofQuestions(List.of("a?"));
    String output = "<think>Reasoning process here</think><answer>x</answer>";
    RaifReward code = reward(RewardConfig.codeFaithful());
    assertTrue(code.admits(COMPLEX, output, RolloutMode.THINK));
    assertEquals(3.0, code.scoreConstraints(COMPLEX, "p", output, RolloutMode.THINK, label, List.of(true)).total());
    assertFalse(code.admits(COMPLEX, "<think>reasoning process here</think><answer>x</answer>", RolloutMode.THINK));
    assertFalse(code.admits(IFEVAL, output, RolloutMode.THINK), "the swap gates every ifeval response");
  }

  @Test
  void mixedLabelsCountRulesAndQuestionsTogether() {
    CompositeLabel label = new CompositeLabel(ai.raif.rewards.composition.Composition.AND,
        List.of(new ai.raif.rewards.composition.Step(null, true, List.of(contains("alpha")), List.of("q1?", "q2?"))),
        Map.of());
    RewardResult r = reward(RewardConfig.paper()).scoreConstraints(COMPLEX, "p",
        "<think>t</think><answer>alpha</answer>", RolloutMode.THINK, label, List.of(false, true));
    assertEquals(2.0 / 3, r.accuracyReward(), EPS);
    assertEquals(3, r.verdicts().size());
  }

  @Test
  void withoutFormatTheWholeOutputIsTheAnswer() {
    RewardTask task = RewardTask.parse("ifevalwoFormat");
    RewardResult r = reward(RewardConfig.paper()).scoreConstraints(task, "p", "alpha beta gamma, no tags",
        RolloutMode.THINK, ABC, null);
    assertEquals(1.0, r.formatReward());
    assertEquals(2.0, r.accuracyReward());
    assertNull(r.thinkText());
  }

  @Test
  void deepseekLayoutScoresTheTextAfterTheThinkBlock() {
    RaifReward deepseek = reward(RewardConfig.paper().withLayout(TagLayout.THINK_ONLY));
    assertEquals(3.0, deepseek.scoreConstraints(IFEVAL, "p", "<think>plan</think>\nalpha beta gamma",
        RolloutMode.THINK, ABC, null).total());
    assertEquals(-3.0, deepseek.scoreConstraints(IFEVAL, "p", "<think>a</think><think>b</think>alpha beta gamma",
        RolloutMode.THINK, ABC, null).total());
  }

  @Test
  void tasksAreRoutedToTheRightScorer() {
    RaifReward paper = reward(RewardConfig.paper());
    assertThrows(IllegalArgumentException.class, () -> paper.scoreConstraints(RewardTask.of(TaskKind.MATH), "p",
        "x", RolloutMode.THINK, ABC, null));
    assertThrows(IllegalArgumentException.class, () -> paper.scoreMath(IFEVAL, "x", RolloutMode.THINK, "1"));
  }
}
