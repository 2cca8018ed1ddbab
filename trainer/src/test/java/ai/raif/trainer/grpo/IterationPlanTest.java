package ai.raif.trainer.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationPlanTest {
  private static List<RlSequence> rollouts(int n) {
    List<RlSequence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new RlSequence("r" + i, new int[] {1}, new int[] {2}, new float[] {-1f}, 1f, true));
    return out;
  }

  private static List<ExpertSequence> experts(int n) {
    List<ExpertSequence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new ExpertSequence("e" + i, new int[] {1}, new int[] {2}));
    return out;
  }

  @Test
  void everyRolloutTrainsOncePerEpochAndExpertsCycle() {
    IterationPlan p = IterationPlan.of(rollouts(10), experts(3), 4, 2, 2, 7);
    assertEquals(5, p.steps(), "ceil(10 * 2 / 4)");
    Map<String, Integer> seen = new HashMap<>();
    p.rollouts().forEach(step -> step.forEach(r -> seen.merge(r.id(), 1, Integer::sum)));
    assertEquals(10, seen.size());
    seen.values().forEach(c -> assertEquals(2, c));
    List<Integer> sizes = p.rollouts().stream().map(List::size).toList();
    assertEquals(List.of(4, 4, 4, 4, 4), sizes);
    p.experts().forEach(step -> assertEquals(2, step.size()));
    Map<String, Integer> bc = new HashMap<>();
    p.experts().forEach(step -> step.forEach(e -> bc.merge(e.id(), 1, Integer::sum)));
    assertEquals(3, bc.size(), "every expert response is used");
  }

  @Test
  void withNothingKeptBehaviourCloningStillRunsAndTheOrderIsTheSeeds() {
    IterationPlan p = IterationPlan.of(List.of(), experts(9), 16, 1, 4, 1);
    assertEquals(3, p.steps());
    p.rollouts().forEach(step -> assertTrue(step.isEmpty()));
    assertEquals(0, IterationPlan.of(List.of(), experts(9), 16, 1, 0, 1).steps(), "BC off and nothing kept");
    assertEquals(ids(IterationPlan.of(rollouts(20), experts(5), 8, 1, 2, 3)),
        ids(IterationPlan.of(rollouts(20), experts(5), 8, 1, 2, 3)), "a plan is a function of its seed");
    assertNotEquals(ids(IterationPlan.of(rollouts(20), experts(5), 8, 1, 2, 3)),
        ids(IterationPlan.of(rollouts(20), experts(5), 8, 1, 2, 4)), "a different seed gives a different order");
  }

  private static List<String> ids(IterationPlan p) {
    List<String> out = new ArrayList<>();
    p.rollouts().forEach(step -> step.forEach(r -> out.add(r.id())));
    p.experts().forEach(step -> step.forEach(e -> out.add(e.id())));
    return out;
  }
}
