package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every supported IFBench id, with the kwargs of its first test-set row, against many responses, with the strict and
 * loose verdicts of IFBench's own evaluation_lib at db69a6f (written by tools/golden/ifbench_golden.py). The reference
 * raised on none of them.
 */
class CrossVerdictsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** All 294 responses of the shared sample_output.jsonl: 57 ids x 294 x 2 = 33,516 verdicts. */
  @Test
  void everyIdAgreesWithTheReferenceOnEverySampleResponse() throws IOException {
    List<String> responses = new ArrayList<>();
    for (String line : Files.readAllLines(
        SharedData.benchmarkDir("ifbench").resolve("sample_output.jsonl"), StandardCharsets.UTF_8)) {
      responses.add(JSON.readTree(line).get("response").asText());
    }
    assertEquals(294, responses.size());
    List<JsonNode> verdicts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        resource("/ifbench/cross_verdicts.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) verdicts.add(JSON.readTree(line));
    }
    assertEquals(List.of(), mismatches(responses, verdicts));
  }

  /**
   * Every 5th sample response rewritten three ways: CRLF line ends with NBSP and tab gaps; emoji, interrobangs and
   * curly quotes; upper case. 57 ids x 177 x 2 = 20,178 verdicts.
   */
  @Test
  void everyIdAgreesWithTheReferenceOnRewrittenResponses() throws IOException {
    JsonNode golden = JSON.readTree(new GZIPInputStream(resource("/ifbench/mutated_verdicts.json.gz")));
    List<String> responses = new ArrayList<>();
    golden.get("responses").forEach(r -> responses.add(r.asText()));
    assertEquals(177, responses.size());
    List<JsonNode> verdicts = new ArrayList<>();
    golden.get("verdicts").forEach(verdicts::add);
    assertEquals(List.of(), mismatches(responses, verdicts));
  }

  /** "id mode line" for every verdict that differs; each row holds one character per response ("1" or "0"). */
  private static List<String> mismatches(List<String> responses, List<JsonNode> verdicts) {
    assertEquals(57, verdicts.size());
    List<String> mismatches = new ArrayList<>();
    for (JsonNode row : verdicts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> kwargs = JSON.convertValue(row.get("kwargs"), Map.class);
      Instruction instruction = new IfbenchChecker().bind(new Constraint(row.get("id").asText(), kwargs));
      for (FollowMode mode : FollowMode.values()) {
        String want = row.get(mode == FollowMode.STRICT ? "strict" : "loose").asText();
        assertEquals(responses.size(), want.length());
        for (int i = 0; i < responses.size(); i++) {
          char got = mode.follows(instruction, responses.get(i)) ? '1' : '0';
          if (want.charAt(i) != got) mismatches.add(row.get("id").asText() + " " + mode + " " + (i + 1));
        }
      }
    }
    return mismatches;
  }

  private static InputStream resource(String name) {
    return CrossVerdictsTest.class.getResourceAsStream(name);
  }
}
