package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator against the golden run of the Python reference (shared/benchmarks/ifeval/golden/text_bison): the 156
 * input rows whose prompt has a text_bison response.
 */
class IfevalParityTest {
  @TempDir static Path out;
  static Path golden;
  static IfevalMetrics metrics;
  static JsonNode expected;

  @BeforeAll
  static void evaluate() throws IOException {
    Path shared = SharedData.ifevalDir();
    golden = shared.resolve("golden/text_bison");
    metrics = IfevalEvaluation.run(
        golden.resolve("input_data_subset.jsonl"), shared.resolve("responses_text_bison.jsonl"), out);
    expected = new ObjectMapper().readTree(golden.resolve("metrics.json").toFile());
  }

  @Test
  void strictResultsAreByteIdentical() throws IOException {
    assertArrayEquals(Files.readAllBytes(golden.resolve("eval_results_strict.jsonl")),
        Files.readAllBytes(out.resolve("eval_results_strict.jsonl")));
  }

  @Test
  void looseResultsAreByteIdentical() throws IOException {
    assertArrayEquals(Files.readAllBytes(golden.resolve("eval_results_loose.jsonl")),
        Files.readAllBytes(out.resolve("eval_results_loose.jsonl")));
  }

  @Test
  void metricsEqualGolden() {
    GoldenMetrics.assertMatch(expected, metrics);
    assertEquals(0.6346153846153846, metrics.promptLevelStrictAcc()); // 99/156, as the README states
    for (FollowMode mode : FollowMode.values()) {
      JsonNode want = GoldenMetrics.mode(expected, mode);
      IfevalReport got = metrics.report(mode);
      assertEquals(GoldenMetrics.tallies(want.get("by_category")), got.byCategory(), mode + " by category");
      want.get("by_instruction").fields().forEachRemaining(e -> assertEquals(
          e.getValue().get("accuracy").asDouble(), got.byInstruction().get(e.getKey()).accuracy(), e.getKey()));
    }
  }

  @Test
  void reportHasEvaluationMainLayout() {
    String report = metrics.format(out);
    String strictHeader = "=".repeat(64) + "\n" + out.resolve("eval_results_strict.jsonl") + " Accuracy Scores:\n"
        + "prompt-level: 0.6346153846153846\ninstruction-level: 0.6941747572815534\n\nchange_case 0.6785714285714286\n";
    assertEquals(0, report.indexOf(strictHeader), report);
    String looseHeader = "=".repeat(64) + "\n" + out.resolve("eval_results_loose.jsonl") + " Accuracy Scores:\n"
        + "prompt-level: 0.6602564102564102\ninstruction-level: 0.7281553398058253\n";
    assertTrue(report.contains(looseHeader), report);
    assertTrue(report.contains("\n\nchange_case:capital_word_frequency 0.5\nchange_case:english_capital 0.5\n"));
    assertTrue(report.endsWith("prompt_level_strict_acc: 0.6346153846153846\n"
        + "inst_level_strict_acc: 0.6941747572815534\nprompt_level_loose_acc: 0.6602564102564102\n"
        + "inst_level_loose_acc: 0.7281553398058253\n"), report);
  }
}
