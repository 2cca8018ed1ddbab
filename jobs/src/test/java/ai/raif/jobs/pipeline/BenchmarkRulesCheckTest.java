package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.raif.rewards.eval.Benchmark;
import ai.raif.rewards.ifeval.IfevalData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark file's rules are bound to its checkers before {@code raif eval} generates anything. */
class BenchmarkRulesCheckTest {
  static final String GOOD = "{\"key\": 1, \"prompt\": \"Say hi.\", \"instruction_id_list\": "
      + "[\"punctuation:no_comma\"], \"kwargs\": [{}]}";

  @Test
  void aRuleTheCheckersCannotReadStopsTheEvaluationNamingRowKeyRuleAndReason(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("input_data.jsonl"), GOOD + "\n"
        + "{\"key\": 7, \"prompt\": \"Say hi.\", \"instruction_id_list\": [\"punctuation:no_comma\", "
        + "\"detectable_format:number_bullet_lists\"], \"kwargs\": [{}, {\"num_bullets\": \"three\"}]}\n");
    BenchmarkEval.Request request = new BenchmarkEval.Request(Benchmark.IFEVAL, file, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchmarkEval.checkRules(request, IfevalData.readInputs(file)));
    assertEquals(file + ": 1 rule(s) the ifeval checkers cannot read, nothing generated: row 2 (key 7) "
        + "instruction_id_list[1] detectable_format:number_bullet_lists: constraint "
        + "'detectable_format:number_bullet_lists', kwarg 'num_bullets': " + reason(), e.getMessage());
  }

  @Test
  void eachBenchmarkIsCheckedWithItsOwnRegistry(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("input_data.jsonl"), GOOD + "\n"
        + "{\"key\": 2, \"prompt\": \"Say hi.\", \"instruction_id_list\": [\"count:word_count_range\"], "
        + "\"kwargs\": [{\"min_words\": 5, \"max_words\": 50}]}\n");
    // IFBench's registry holds IFEval's 25 rules and its own 58
    BenchmarkEval.checkRules(new BenchmarkEval.Request(Benchmark.IFBENCH, file, 0), IfevalData.readInputs(file));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkEval.checkRules(
        new BenchmarkEval.Request(Benchmark.IFEVAL, file, 0), IfevalData.readInputs(file)));
    assertEquals(true, e.getMessage().contains("1 rule(s) the ifeval checkers cannot read")
        && e.getMessage().contains("row 2 (key 2) instruction_id_list[0] count:word_count_range: constraint "
        + "'count:word_count_range': unknown IFEval instruction id"), e.getMessage());
  }

  /** The kwarg's own reason, as the registry words it. */
  private static String reason() {
    try {
      new ai.raif.rewards.ifeval.IfevalChecker().bind(new ai.raif.rewards.Constraint(
          "detectable_format:number_bullet_lists", java.util.Map.of("num_bullets", "three")));
    } catch (ai.raif.rewards.InvalidConstraintException e) {
      return e.getMessage().substring(e.getMessage().indexOf("': ", e.getMessage().indexOf("kwarg")) + 3);
    }
    throw new AssertionError("a string count of bullets bound");
  }
}
