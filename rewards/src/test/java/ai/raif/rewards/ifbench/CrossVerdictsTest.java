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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every supported IFBench id, with the kwargs of its first test-set row, against all 294 responses of the shared
 * sample_output.jsonl: 16,758 strict and 16,758 loose verdicts of IFBench's own evaluation_lib at db69a6f
 * (cross_verdicts.jsonl, written by tools/golden/ifbench_golden.py). The reference raised on none of them.
 */
class CrossVerdictsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyIdAgreesWithTheReferenceOnEverySampleResponse() throws IOException {
    List<String> responses = new ArrayList<>();
    for (String line : Files.readAllLines(
        SharedData.benchmarkDir("ifbench").resolve("sample_output.jsonl"), StandardCharsets.UTF_8)) {
      responses.add(JSON.readTree(line).get("response").asText());
    }
    assertEquals(294, responses.size());
    List<String> mismatches = new ArrayList<>();
    int ids = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/ifbench/cross_verdicts.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode row = JSON.readTree(line);
        @SuppressWarnings("unchecked")
        Map<String, Object> kwargs = JSON.convertValue(row.get("kwargs"), Map.class);
        Instruction instruction = new IfbenchChecker().bind(new Constraint(row.get("id").asText(), kwargs));
        ids++;
        for (FollowMode mode : FollowMode.values()) {
          String want = row.get(mode == FollowMode.STRICT ? "strict" : "loose").asText();
          for (int i = 0; i < responses.size(); i++) {
            char got = mode.follows(instruction, responses.get(i)) ? '1' : '0';
            if (want.charAt(i) != got) mismatches.add(row.get("id").asText() + " " + mode + " line " + (i + 1));
          }
        }
      }
    }
    assertEquals(57, ids);
    assertEquals(List.of(), mismatches);
  }
}
