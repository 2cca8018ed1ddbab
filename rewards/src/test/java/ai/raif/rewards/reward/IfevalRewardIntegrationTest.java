package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.ConstraintVerdict.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reward with the real IFEval checkers, on a RAIF-form label. */
class IfevalRewardIntegrationTest {
  private static final CompositeLabel LABEL = CompositeLabelJson.parse("""
      {"instruction_id_list": ["keywords:existence", "punctuation:no_comma", "change_case:english_lowercase",
                               "keywords:no_such_check"],
       "kwargs": [{"keywords": ["spark"]}, {}, {}, {}]}""");
  private static final RaifReward REWARD = new RaifReward(new IfevalChecker(), RewardConfig.paper());
  private static final RewardTask IFEVAL = RewardTask.parse("ifeval");

  private static RewardResult score(String answer) {
    return REWARD.scoreConstraints(IFEVAL, "Write about spark, in lowercase, without commas.",
        "<think>\nkeep it short\n</think>\n<answer>" + answer + "</answer>", RolloutMode.THINK, LABEL, null);
  }

  @Test
  void allValidConstraintsFollowed() {
    RewardResult r = score("spark is a fast engine that runs the jobs of a whole cluster in parallel and keeps data in memory");
    assertEquals(3.0, r.total());
    assertEquals(List.of(Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.INVALID),
        r.verdicts().stream().map(ConstraintVerdict::outcome).toList());
    assertTrue(r.error().contains("keywords:no_such_check"), r.error());
  }

  @Test
  void someConstraintsFollowed() {
    // english_lowercase needs langdetect to see English, so the sentences are long enough for that
    assertEquals(1.0 + 2.0 / 3,
        score("Spark is a fast engine that runs the jobs of a whole cluster in parallel and keeps data in memory")
            .total(), 1e-12);
    assertEquals(1.0 + 1.0 / 3,
        score("hadoop is a slow engine that runs the jobs of a whole cluster, and it keeps data on disk").total(),
        1e-12);
    assertEquals(-1.0, score("Hadoop, the Slow Engine").total());
  }
}
