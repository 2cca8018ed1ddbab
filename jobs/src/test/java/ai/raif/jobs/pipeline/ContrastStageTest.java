package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.udfs.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Contrast decisions and advantages on a hand-computed example (numbers worked out on paper, see comments). */
@ExtendWith(SharedSpark.class)
class ContrastStageTest {
  static final StructType REWARDS = RaifTables.Table.REWARDS.schema;
  static final List<RolloutMode> THINK = List.of(RolloutMode.THINK);

  /** key, mode, reward, accuracy, error: the other reward columns do not matter to the contrast. */
  static Row reward(String prompt, String mode, int idx, double reward, double accuracy, String error) {
    return TestRows.of(REWARDS, "run_id", "r", "iteration", 0, "prompt_id", prompt, "mode", mode, "sample_idx", idx,
        "source", "ifeval", "reward", reward, "accuracy_reward", accuracy, "error", error);
  }

  static Dataset<Row> example(SparkSession spark) {
    List<Row> rows = new ArrayList<>(List.of(
        // P1: reasoning beats direct; think rewards 3, 1.5, -1
        reward("p1", "think", 0, 3.0, 2.0, null), reward("p1", "think", 1, 1.5, 0.5, null),
        reward("p1", "think", 2, -1.0, -2.0, null), reward("p1", "direct", 0, -1.0, -2.0, null),
        // P2: every reasoning accuracy (-2) is below the direct one (0.5)
        reward("p2", "think", 0, -1.0, -2.0, null), reward("p2", "think", 1, -3.0, -2.0, null),
        reward("p2", "direct", 0, 1.5, 0.5, null),
        // P3: equal reasoning rewards
        reward("p3", "think", 0, 3.0, 2.0, null), reward("p3", "think", 1, 3.0, 2.0, null),
        reward("p3", "direct", 0, -1.0, -2.0, null),
        // P4: one reward could not be computed
        reward("p4", "think", 0, 3.0, 2.0, null), reward("p4", "think", 1, 0.0, 0.0, "constraints: bad"),
        reward("p4", "direct", 0, -1.0, -2.0, null)));
    return spark.createDataFrame(rows, REWARDS);
  }

  static Map<String, Row> decide(SparkSession spark, String mode) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : ContrastStage.decide(example(spark), mode, THINK).collectAsList()) {
      out.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"), r);
    }
    return out;
  }

  static String reason(Map<String, Row> d, String key) {
    return d.get(key).getAs("drop_reason");
  }

  static double advantage(Map<String, Row> d, String key) {
    return d.get(key).<Double>getAs("advantage");
  }

  @Test
  void paperModeKeepsSuperiorReasoningAndStandardisesOverReasoningOnly(SparkSession spark) {
    Map<String, Row> d = decide(spark, "paper");
    // p1: mean 7/6 = 1.16667, unbiased std sqrt(49/12) = 2.02073
    assertNull(reason(d, "p1/think/0"));
    assertEquals(0.907265, advantage(d, "p1/think/0"), 1e-5);
    assertEquals(0.164957, advantage(d, "p1/think/1"), 1e-5);
    assertEquals(-1.072222, advantage(d, "p1/think/2"), 1e-5);
    assertEquals(3, d.get("p1/think/0").<Integer>getAs("group_size"));
    assertEquals(SampleRows.DIRECT_ROLLOUT, reason(d, "p1/direct/0"));
    assertNull(d.get("p1/direct/0").getAs("advantage"));
    assertEquals(SampleRows.COT_NOT_SUPERIOR, reason(d, "p2/think/0"));
    assertEquals(SampleRows.COT_NOT_SUPERIOR, reason(d, "p2/think/1"));
    assertEquals(SampleRows.ZERO_VARIANCE, reason(d, "p3/think/0"));
    assertEquals(SampleRows.REWARD_ERROR, reason(d, "p4/think/0"));
    assertEquals(SampleRows.DIRECT_ROLLOUT, reason(d, "p4/direct/0"));
  }

  @Test
  void codeFaithfulModeIncludesDirectRolloutsInTheStatisticsAndSkipsTiedGroups(SparkSession spark) {
    Map<String, Row> d = decide(spark, "code_faithful");
    // p1 over 3, 1.5, -1, -1: mean 0.625, unbiased std sqrt(11.6875 / 3) = 1.97379
    assertEquals(1.203273, advantage(d, "p1/think/0"), 1e-5);
    assertEquals(4, d.get("p1/think/0").<Integer>getAs("group_size"));
    // p2: reasoning accuracies all equal (-2), so the released filter lets them train; stats over -1, -3, 1.5
    assertNull(reason(d, "p2/think/0"));
    // mean -5/6, unbiased std sqrt(61/12) = 2.254625; (-1 + 5/6) / 2.254625 = -0.073922
    assertEquals(-0.073922, advantage(d, "p2/think/0"), 1e-5);
    assertEquals(SampleRows.DIRECT_ROLLOUT, reason(d, "p2/direct/0"));
    // p3: 3, 3, -1 has variance once the direct rollout counts
    assertNull(reason(d, "p3/think/0"));
  }

  @Test
  void offModeHasNoContrastButStillNeverTrainsDirectRollouts(SparkSession spark) {
    Map<String, Row> d = decide(spark, "off");
    assertNull(reason(d, "p2/think/0"));
    assertEquals(SampleRows.DIRECT_ROLLOUT, reason(d, "p2/direct/0"));
    assertEquals(SampleRows.ZERO_VARIANCE, reason(d, "p3/think/1"));
  }

  @Test
  void chatRolloutsDoNotTrainByDefaultAndChangeNoOtherDecision(SparkSession spark) {
    // a full-reward chat rollout, a failed one and a poor one: none may enter a statistic or spoil a group
    Dataset<Row> chat = spark.createDataFrame(List.of(reward("p1", "chat", 0, 3.0, 2.0, null),
        reward("p1", "chat", 1, 0.0, 0.0, "generation failed"), reward("p2", "chat", 0, -1.0, -2.0, null)), REWARDS);
    for (String mode : List.of("paper", "code_faithful", "off")) {
      Map<String, Row> without = decide(spark, mode);
      Map<String, Row> with = new HashMap<>();
      for (Row r : ContrastStage.decide(example(spark).union(chat), mode, THINK).collectAsList()) {
        with.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"), r);
      }
      assertEquals(without.size() + 3, with.size(), mode);
      for (String key : without.keySet()) {
        for (String column : List.of("drop_reason", "kept", "advantage", "group_mean", "group_std")) {
          assertEquals(without.get(key).<Object>getAs(column), with.get(key).<Object>getAs(column),
              mode + " " + key + " " + column);
        }
      }
      for (String key : List.of("p1/chat/0", "p1/chat/1", "p2/chat/0")) {
        assertEquals(SampleRows.CHAT_ROLLOUT, reason(with, key), mode + " " + key);
        assertNull(with.get(key).getAs("advantage"), mode + " " + key);
      }
    }
  }

  @Test
  void chatRolloutsNamedByGrpoModesAreAGroupOfTheirOwn(SparkSession spark) {
    // p1's chat rewards 2, 0, -2 (accuracy only: no format): mean 0, unbiased std 2; p2's are tied; p4's has an error
    Dataset<Row> chat = spark.createDataFrame(List.of(reward("p1", "chat", 0, 2.0, 2.0, null),
        reward("p1", "chat", 1, 0.0, 0.0, null), reward("p1", "chat", 2, -2.0, -2.0, null),
        reward("p2", "chat", 0, -2.0, -2.0, null), reward("p2", "chat", 1, -2.0, -2.0, null),
        reward("p4", "chat", 0, 2.0, 2.0, null), reward("p4", "chat", 1, 0.0, 0.0, "generation failed")), REWARDS);
    Map<String, Row> d = new HashMap<>();
    for (Row r : ContrastStage.decide(example(spark).union(chat), "paper", List.of(RolloutMode.CHAT))
        .collectAsList()) {
      d.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"), r);
    }
    assertNull(reason(d, "p1/chat/0"));
    assertEquals(1.0, advantage(d, "p1/chat/0"), 1e-6);
    assertEquals(0.0, advantage(d, "p1/chat/1"), 1e-6);
    assertEquals(-1.0, advantage(d, "p1/chat/2"), 1e-6);
    assertEquals(3, d.get("p1/chat/0").<Integer>getAs("group_size"));
    assertEquals(SampleRows.ZERO_VARIANCE, reason(d, "p2/chat/0"), "p2's think rollouts do not lend it variance");
    assertEquals(SampleRows.REWARD_ERROR, reason(d, "p4/chat/0"));
    // think rollouts do not train, and their statistics leave the chat rollouts out
    assertEquals(SampleRows.THINK_ROLLOUT, reason(d, "p1/think/0"));
    assertEquals(3, d.get("p1/think/0").<Integer>getAs("group_size"));

    Map<String, Row> both = new HashMap<>();
    for (Row r : ContrastStage.decide(example(spark).union(chat), "paper",
        List.of(RolloutMode.THINK, RolloutMode.CHAT)).collectAsList()) {
      both.put(r.getAs("prompt_id") + "/" + r.getAs("mode") + "/" + r.getAs("sample_idx"), r);
    }
    assertEquals(0.907265, advantage(both, "p1/think/0"), 1e-5, "the reasoning group as without chat");
    assertNull(reason(both, "p1/think/0"));
    assertEquals(SampleRows.REWARD_ERROR, reason(both, "p4/think/0"), "p4's think group has an error of its own");
    assertEquals(1.0, advantage(both, "p1/chat/0"), 1e-6);

    // kept ratio: over the trained modes' rollouts only (p1's 3 of 7 chat rollouts), none without such rollouts
    Dataset<Row> decided = ContrastStage.decide(example(spark).union(chat), "paper", List.of(RolloutMode.CHAT));
    assertEquals(3.0 / 7, decided.agg(ContrastStage.keptRatio(List.of(RolloutMode.CHAT))).first().getDouble(0),
        1e-12);
    assertTrue(decided.where("mode = 'think'").agg(ContrastStage.keptRatio(List.of(RolloutMode.CHAT))).first()
        .isNullAt(0));
  }
}
