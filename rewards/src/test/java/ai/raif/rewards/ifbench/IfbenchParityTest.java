package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.GoldenMetrics;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalInput;
import ai.raif.rewards.ifeval.IfevalMetrics;
import ai.raif.rewards.ifeval.SharedData;
import ai.raif.rewards.ifeval.Tally;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IFBench evaluation against the golden run of IFBench's own code at db69a6f (shared/benchmarks/ifbench/golden/
 * sample_output): the 294 rows of IFBench_test.jsonl without words:start_verb, scored on the repository's
 * sample_output.jsonl. Every one of the 337 verdicts matches in both modes, and the files are byte-identical.
 */
class IfbenchParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path out;
  static Path golden;
  static List<IfevalInput> inputs;
  static IfevalMetrics metrics;
  static JsonNode expected;

  @BeforeAll
  static void evaluate() throws IOException {
    Path shared = SharedData.benchmarkDir("ifbench");
    golden = shared.resolve("golden/sample_output");
    Path input = golden.resolve("input_data_subset.jsonl");
    inputs = IfevalData.readInputs(input);
    metrics = IfbenchEvaluation.run(input, shared.resolve("sample_output.jsonl"), out);
    expected = JSON.readTree(golden.resolve("metrics.json").toFile());
  }

  @Test
  void everyVerdictEqualsGolden() throws IOException {
    for (FollowMode mode : FollowMode.values()) {
      List<JsonNode> want = lines(golden.resolve(mode.resultsName() + ".jsonl"));
      List<JsonNode> got = lines(out.resolve(mode.resultsName() + ".jsonl"));
      assertEquals(294, want.size());
      assertEquals(want.size(), got.size());
      List<String> mismatches = new ArrayList<>();
      int verdicts = 0;
      for (int row = 0; row < want.size(); row++) {
        JsonNode ids = want.get(row).get("instruction_id_list");
        assertEquals(ids, got.get(row).get("instruction_id_list"), "row " + (row + 1));
        for (int i = 0; i < ids.size(); i++) {
          verdicts++;
          boolean w = want.get(row).get("follow_instruction_list").get(i).asBoolean();
          boolean g = got.get(row).get("follow_instruction_list").get(i).asBoolean();
          if (w != g) mismatches.add("key " + inputs.get(row).key() + " " + ids.get(i).asText() + ": golden " + w);
        }
      }
      assertEquals(337, verdicts);
      assertEquals(List.of(), mismatches, mode + " verdicts differing from the golden");
    }
  }

  @Test
  void resultFilesAreByteIdentical() throws IOException {
    for (FollowMode mode : FollowMode.values()) {
      String name = mode.resultsName() + ".jsonl";
      assertArrayEquals(Files.readAllBytes(golden.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
    }
  }

  @Test
  void metricsEqualGolden() {
    GoldenMetrics.assertMatch(expected, metrics);
    assertEquals(new Tally(73, 294), metrics.strict().prompts()); // the README's table
    assertEquals(new Tally(103, 337), metrics.loose().instructions());
  }

  @Test
  void promptsWithoutResponseScoreAsEmptyOutput() throws IOException {
    List<String> without = new ArrayList<>();
    expected.get("rows_without_response").forEach(key -> without.add(key.asText()));
    assertEquals(List.of("268", "269", "270", "271", "272", "273", "274"), without);
    for (FollowMode mode : FollowMode.values()) {
      List<JsonNode> got = lines(out.resolve(mode.resultsName() + ".jsonl"));
      for (int row = 0; row < inputs.size(); row++) {
        if (!without.contains(inputs.get(row).key().replace("\"", ""))) continue; // keys are JSON strings
        assertEquals("", got.get(row).get("response").asText());
        assertEquals(false, got.get(row).get("follow_all_instructions").asBoolean());
        got.get(row).get("follow_instruction_list").forEach(v -> assertEquals(false, v.asBoolean()));
      }
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) rows.add(JSON.readTree(line));
    return rows;
  }
}
