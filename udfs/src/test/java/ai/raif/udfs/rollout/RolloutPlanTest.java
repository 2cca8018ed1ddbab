package ai.raif.udfs.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SparkSessions;
import ai.raif.udfs.model.ModelKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
  static RolloutSettings settings(String run, int iteration) {
    return new RolloutSettings(ModelKey.policy("run", "default", 0), run, iteration, 7, 3, 2, 0, 1.0, 1.0, 0, 16, Batching.continuous(4), 512,
        null);
  }

  @Test
  void instructionPromptsGetReasoningThenDirectRolloutsAndMathOnlyReasoning() {
    List<ChatMessage> msgs = List.of(new ChatMessage("user", "hi"));
    List<RolloutTask> tasks = RolloutPlan.expand(settings("r", 0), "p", "ifeval", msgs);
    assertEquals(List.of("THINK0", "THINK1", "THINK2", "DIRECT0", "DIRECT1"),
        tasks.stream().map(t -> t.mode().name() + t.sampleIdx()).toList());
    assertEquals(3, RolloutPlan.expand(settings("r", 0), "p", "math", msgs).size());
    assertEquals(3, RolloutPlan.expand(settings("r", 0), "p", "default", msgs).size());
    assertEquals(5, RolloutPlan.expand(settings("r", 0), "p", "complex", msgs).size());
  }

  @Test
  void chatRolloutsFollowTheDirectOnesForInstructionPromptsOnly() {
    RolloutSettings s = new RolloutSettings(ModelKey.policy("run", "default", 0), "r", 0, 7, 1, 1, 2, 1.0, 1.0, 0, 16,
        Batching.continuous(4), 512, null);
    List<ChatMessage> msgs = List.of(new ChatMessage("user", "hi"));
    List<RolloutTask> tasks = RolloutPlan.expand(s, "p", "ifeval", msgs);
    assertEquals(List.of("THINK0", "DIRECT0", "CHAT0", "CHAT1"),
        tasks.stream().map(t -> t.mode().name() + t.sampleIdx()).toList());
    assertEquals(RolloutSeeds.seed(7, "r", 0, "p", "chat", 1), tasks.get(3).seed());
    assertEquals(1, RolloutPlan.expand(s, "p", "math", msgs).size());
  }

  @Test
  void seedsArePureFunctionsOfTheRolloutIdentity() {
    long s = RolloutSeeds.seed(7, "r", 0, "p", "think", 0);
    assertEquals(s, RolloutSeeds.seed(7, "r", 0, "p", "think", 0));
    Set<Long> distinct = new HashSet<>(List.of(s, RolloutSeeds.seed(8, "r", 0, "p", "think", 0),
        RolloutSeeds.seed(7, "r2", 0, "p", "think", 0), RolloutSeeds.seed(7, "r", 1, "p", "think", 0),
        RolloutSeeds.seed(7, "r", 0, "q", "think", 0), RolloutSeeds.seed(7, "r", 0, "p", "direct", 0),
        RolloutSeeds.seed(7, "r", 0, "p", "think", 1)));
    assertEquals(7, distinct.size());
    // no field-boundary ambiguity: ("r", "1p") and ("r1", "p") differ
    assertNotEquals(RolloutSeeds.seed(7, "r", 1, "1p", "think", 0), RolloutSeeds.seed(7, "r1", 1, "p", "think", 0));
    List<RolloutTask> tasks = RolloutPlan.expand(settings("r", 3), "p", "ifeval", List.of(new ChatMessage("user", "x")));
    assertEquals(RolloutSeeds.seed(7, "r", 3, "p", "direct", 1), tasks.get(4).seed());
  }

  @Test
  void modesForceTheThinkOpenerOrAnEmptyThinkBlockAsTheReferenceDoes() {
    assertEquals("A<think>\n", ReasoningPrompt.forMode("A", RolloutMode.THINK));
    assertEquals("A<think>\n", ReasoningPrompt.forMode("A<think>\n", RolloutMode.THINK));
    assertEquals("A<think>", ReasoningPrompt.forMode("A<think>", RolloutMode.THINK));
    assertEquals("A<think>\n\n</think>\n", ReasoningPrompt.forMode("A", RolloutMode.DIRECT));
    assertEquals("A<think>\n\n</think>\n", ReasoningPrompt.forMode("A<think>", RolloutMode.DIRECT));
    assertEquals("A<think>\n\n</think>\n", ReasoningPrompt.forMode("A<think>\n", RolloutMode.DIRECT));
    assertEquals("A<think>\n\n</think>\n", ReasoningPrompt.forMode("A<think>\n\n", RolloutMode.DIRECT));
  }

  @Test
  void theTriggerTakesTheSystemSlotAndAPromptsOwnSystemMessageBecomesTheTaskDefinition() {
    List<ChatMessage> plain = ReasoningPrompt.withTrigger(List.of(new ChatMessage("user", "hi")));
    assertEquals(List.of(new ChatMessage("system", ReasoningPrompt.SYSTEM_TRIGGER), new ChatMessage("user", "hi")),
        plain);
    List<ChatMessage> own = ReasoningPrompt.withTrigger(List.of(new ChatMessage("system", "Be brief."),
        new ChatMessage("user", "hi")));
    assertEquals(2, own.size());
    assertEquals(ReasoningPrompt.SYSTEM_TRIGGER + "\n\nHere is the task definition:\n\nBe brief.", own.get(0).content());
    // the judge's prompt builder strips up to these anchors, byte for byte (raif-spec §2.4)
    assertEquals(true, ReasoningPrompt.SYSTEM_TRIGGER.contains("between one <answer> tag and one </answer> tag."));
    assertEquals(true, ReasoningPrompt.SYSTEM_TRIGGER.contains(
        "<think> reasoning process here </think><answer> answer here </answer>."));
  }

  @Test
  void localMastersRetryFailedTasks() {
    assertEquals("local[2,4]", SparkSessions.localMaster("local[2]", 4));
    assertEquals("local[*,3]", SparkSessions.localMaster("local[*]", 3));
    assertEquals("local[1,2]", SparkSessions.localMaster("local", 2));
    assertEquals("local[2,9]", SparkSessions.localMaster("local[2,9]", 4));
    assertEquals("local[2]", SparkSessions.localMaster("local[2]", 1));
    assertEquals("spark://h:7077", SparkSessions.localMaster("spark://h:7077", 4));
  }
}
