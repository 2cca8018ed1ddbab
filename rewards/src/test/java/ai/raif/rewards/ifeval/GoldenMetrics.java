package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Compares an evaluation's metrics with a golden run's metrics.json (the shared golden tools' format). */
public final class GoldenMetrics {
  private GoldenMetrics() {}

  /** The four headline accuracies, and per mode the prompt and instruction counts and the per-id tallies. */
  public static void assertMatch(JsonNode expected, IfevalMetrics metrics) {
    assertEquals(expected.get("prompt_level_strict_acc").asDouble(), metrics.promptLevelStrictAcc());
    assertEquals(expected.get("inst_level_strict_acc").asDouble(), metrics.instLevelStrictAcc());
    assertEquals(expected.get("prompt_level_loose_acc").asDouble(), metrics.promptLevelLooseAcc());
    assertEquals(expected.get("inst_level_loose_acc").asDouble(), metrics.instLevelLooseAcc());
    for (FollowMode mode : FollowMode.values()) {
      JsonNode want = mode(expected, mode);
      IfevalReport got = metrics.report(mode);
      assertEquals(new Tally(want.get("prompt_correct").asInt(), want.get("prompt_total").asInt()), got.prompts());
      assertEquals(new Tally(want.get("instruction_correct").asInt(), want.get("instruction_total").asInt()),
          got.instructions());
      assertEquals(tallies(want.get("by_instruction")), got.byInstruction(), mode + " by instruction");
    }
  }

  static JsonNode mode(JsonNode expected, FollowMode mode) {
    return expected.get(mode == FollowMode.STRICT ? "strict" : "loose");
  }

  static SortedMap<String, Tally> tallies(JsonNode byId) {
    SortedMap<String, Tally> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) byId::fields) {
      map.put(e.getKey(), new Tally(e.getValue().get("correct").asInt(), e.getValue().get("total").asInt()));
    }
    return map;
  }
}
