package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.reward.RewardUdfs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The reward SQL functions, as a notebook uses them, agree with the rewards library called directly. */
@ExtendWith(SharedSpark.class)
class RewardSqlTest {
  @Test
  void sqlRewardsOfTheBuiltInExpertResponsesMatchTheLibrary(SparkSession spark, @TempDir Path dir) {
    RaifConfig config = ConfigLoader.load(List.of(), List.of("tables.root=" + dir, "run.id=sql"));
    PipelineContext ctx = PipelineContext.of(spark, config, 0);
    PromptsStage.run(ctx);
    RewardUdfs.register(spark, RewardConfig.paper());
    ctx.tables().read(RaifTables.Table.PROMPTS).createOrReplaceTempView("prompts");

    List<Row> rows = spark.sql("SELECT prompt_id, constraints, expert_response, "
        + "raif_reward(expert_response, constraints, 'think') AS good, "
        + "raif_reward(upper(expert_response), constraints, 'think') AS shouted, "
        + "element_at(filter(messages, m -> m.role = 'user'), -1).content AS instruction "
        + "FROM prompts WHERE source = 'ifeval' ORDER BY prompt_id").collectAsList();
    assertTrue(rows.size() >= 30, "built-in set has ifeval prompts");
    RaifReward library = new RaifReward(new IfevalChecker(), RewardConfig.paper());
    int differing = 0;
    for (Row r : rows) {
      String id = r.getString(0);
      Row good = r.getStruct(3);
      assertEquals(3.0, good.<Double>getAs("reward"), id);
      assertNull(good.getAs("error"), id);
      assertEquals(1.0, good.<Double>getAs("rule_score"), id);
      // "shouted": upper-cased tags break the format, so the gate fails, exactly as the library says
      RewardResult expected = library.scoreConstraints(RewardTask.parse("ifeval"), "",
          r.getString(2).toUpperCase(Locale.ROOT), RolloutMode.THINK, CompositeLabelJson.parse(r.getString(1)), List.of());
      Row shouted = r.getStruct(4);
      assertEquals(expected.total(), shouted.<Double>getAs("reward"), id);
      assertEquals(expected.formatOk(), shouted.<Boolean>getAs("format_ok"), id);
      if (expected.total() != 3.0) differing++;
    }
    assertTrue(differing > 0);

    for (Row r : spark.sql("SELECT prompt_id, raif_math_reward(expert_response, reference_answer) AS m, "
        + "raif_math_reward('<think>x</think><answer>\\\\boxed{0}</answer>', reference_answer) AS wrong "
        + "FROM prompts WHERE source = 'math'").collectAsList()) {
      assertEquals(3.0, r.getStruct(1).<Double>getAs("reward"), r.getString(0));
      assertEquals(true, r.getStruct(1).<Boolean>getAs("math_ok"));
      assertEquals(-0.5, r.getStruct(2).<Double>getAs("reward"), r.getString(0));
    }

    Row bad = spark.sql("SELECT raif_reward('<think>a</think><answer>b</answer>', '{not json', 'think') AS r, "
        + "raif_reward('<think>a</think><answer>b</answer>', '{\"instruction_id_list\": [\"x:y\"], \"kwargs\": [{}]}',"
        + " 'think') AS unknown, raif_reward('x', '{}', 'sideways') AS mode").first();
    assertTrue(bad.getStruct(0).<String>getAs("error").startsWith("constraints: label: not valid JSON"));
    assertNull(bad.getStruct(0).getAs("reward"));
    assertTrue(bad.getStruct(1).<String>getAs("error").contains("x:y"), bad.getStruct(1).toString());
    assertEquals("mode 'sideways': expected think, direct or chat", bad.getStruct(2).getAs("error"));
  }
}
