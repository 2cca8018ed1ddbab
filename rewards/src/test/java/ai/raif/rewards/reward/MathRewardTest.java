package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.math.MathVerifier;
import ai.raif.rewards.reward.ConstraintVerdict.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathRewardTest {
  private static final RewardTask MATH = RewardTask.parse("default");

  private static RaifReward reward(RewardConfig config) {
    return new RaifReward(new FakeChecker(), config);
  }

  /** Reference answer 42. Values hand-computed from raif-spec §3.6–3.7: +2 / −1.5 / −2 without a box, plus ±1. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      correct in a box               | paper | <think>work</think><answer>\\boxed{42}</answer>                 |  1 |  2   |  3
      wrong in a box                 | paper | <think>work</think><answer>\\boxed{41}</answer>                 |  1 | -1.5 | -0.5
      correct without a box          | paper | <think>work</think><answer>The answer is 42</answer>           |  1 | -2   | -1
      malformed, correct box         | paper | <think>work</think>\\boxed{42}                                  | -1 |  2   |  1
      malformed, wrong box           | paper | work \\boxed{7}                                                  | -1 | -1.5 | -2.5
      malformed, no box              | paper | the result is 42                                                | -1 | -2   | -3
      last box wins, in the think    | paper | <think>\\boxed{41} no, \\boxed{42}</think><answer>42</answer>   |  1 |  2   |  3
      last box wins, in the answer   | paper | <think>\\boxed{42}</think><answer>\\boxed{41}</answer>          |  1 | -1.5 | -0.5
      equivalent form in a box       | paper | <think>w</think><answer>\\boxed{42.0}</answer>                  |  1 |  2   |  3
      fbox counts as a box           | paper | <think>w</think><answer>\\fbox{42}</answer>                     |  1 |  2   |  3
      code: fbox lacks "boxed"       | code  | <think>w</think><answer>\\fbox{42}</answer>                     |  1 | -2   | -1
      code: correct in a box         | code  | <think>work</think><answer>\\boxed{42}</answer>                 |  1 |  2   |  3
      code: wrong in a box           | code  | <think>work</think><answer>\\boxed{41}</answer>                 |  1 | -1.5 | -0.5
      """)
  void mathRewardTable(String name, String config, String output, double format, double accuracy, double total) {
    RewardConfig c = config.equals("paper") ? RewardConfig.paper() : RewardConfig.codeFaithful();
    for (RolloutMode mode : RolloutMode.values()) {
      RewardResult r = reward(c).scoreMath(MATH, output, mode, "42");
      // a chat answer was never asked for tags: its format reward is the constant +1 of a woFormat task
      double expectedFormat = mode == RolloutMode.CHAT ? 1 : format;
      assertEquals(expectedFormat, r.formatReward(), mode.name());
      assertEquals(accuracy, r.accuracyReward(), mode.name());
      assertEquals(expectedFormat + accuracy, r.total(), mode.name());
      if (mode != RolloutMode.CHAT) assertEquals(total, r.total(), mode.name());
      assertFalse(r.gated(), "math is never gated");
    }
  }

  @Test
  void verdictRecordsThePredictedAnswer() {
    RewardResult r = reward(RewardConfig.paper()).scoreMath(MATH, "<think>w</think><answer>\\boxed{ 6 }</answer>",
        RolloutMode.THINK, "6");
    assertEquals(new Constraint("math:equivalent", Map.of("reference", "6", "predicted", "6")),
        r.verdicts().get(0).constraint());
    assertEquals(Outcome.PASSED, r.verdicts().get(0).outcome());
    assertEquals(1.0, r.ruleScore());
    assertNull(r.error());
  }

  @Test
  void aTimedOutCheckIsWrongAndReported() {
    RaifReward impatient = new RaifReward(new FakeChecker(), new MathVerifier(Duration.ofNanos(1)),
        RewardConfig.paper());
    RewardResult r = impatient.scoreMath(MATH, "<think>w</think><answer>\\boxed{(x+1)^2}</answer>",
        RolloutMode.THINK, "x^2+2x+1");
    assertEquals(-1.5, r.accuracyReward());
    assertEquals(Outcome.FAILED, r.verdicts().get(0).outcome());
    assertTrue(r.error().startsWith("math check exceeded"), r.error());
  }

  @Test
  void anEmptyReferenceIsADataErrorNotAPenalty() {
    RewardResult r = reward(RewardConfig.paper()).scoreMath(MATH, "<think>w</think><answer>\\boxed{1}</answer>",
        RolloutMode.THINK, " ");
    assertEquals(0.0, r.accuracyReward());
    assertEquals(1.0, r.total());
    assertEquals(Outcome.INVALID, r.verdicts().get(0).outcome());
    assertEquals("math label has an empty reference answer", r.error());
  }

  @Test
  void withoutFormatTheFormatRewardIsAlwaysOne() {
    RewardResult r = reward(RewardConfig.paper()).scoreMath(RewardTask.parse("mathwoFormat"), "\\boxed{42}",
        RolloutMode.THINK, "42");
    assertEquals(3.0, r.total());
  }
}
