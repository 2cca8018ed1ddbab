package ai.raif.rewards.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ConstraintChecker;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reward counts only the constraints of active steps. */
class CompositionRewardTest {
  /** {@code fake:contains}: the response contains kwarg {@code word}. */
  private static final ConstraintChecker CONTAINS = (Constraint c, String prompt, String response) -> {
    if (!c.id().equals("fake:contains")) throw new InvalidConstraintException(c.id(), null, "unknown id");
    return response.contains((String) c.kwargs().get("word"));
  };
  private static final RaifReward REWARD = new RaifReward(CONTAINS, RewardConfig.paper());
  private static final RewardTask COMPLEX = RewardTask.of(TaskKind.COMPLEX);

  private static RewardResult score(CompositeLabel label, String answer, List<Boolean> verdicts) {
    return REWARD.scoreConstraints(COMPLEX, "p", "<think>t</think><answer>" + answer + "</answer>",
        RolloutMode.THINK, label, verdicts);
  }

  @Test
  void selectionCountsOnlyTheActiveBranch() throws IOException {
    CompositeLabel selection = CompositeLabelJson.parse(CompositeLabelJsonTest.resource("selection.json"));
    // the inactive branch wants "delta" and asks a question; neither is checked, so no verdict is needed
    RewardResult both = score(selection, "alpha beta", List.of());
    assertEquals(2.0, both.accuracyReward());
    assertEquals(2, both.verdicts().size());
    assertEquals(0.5, score(selection, "alpha delta", List.of()).accuracyReward());
    assertEquals(-2.0, score(selection, "delta", List.of()).accuracyReward());
  }

  @Test
  void chainCountsEveryStep() throws IOException {
    CompositeLabel chain = CompositeLabelJson.parse(CompositeLabelJsonTest.resource("chain.json"));
    assertEquals(2.0, score(chain, "alpha", List.of(true)).accuracyReward());
    assertEquals(0.5, score(chain, "alpha", List.of(false)).accuracyReward());
    assertEquals(-2.0, score(chain, "omega", List.of(false)).accuracyReward());
  }
}
