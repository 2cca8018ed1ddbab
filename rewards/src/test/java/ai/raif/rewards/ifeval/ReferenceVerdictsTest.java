package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.raif.rewards.Constraint;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdicts of the Python reference (tools/golden/ifeval_golden.py): hand-written edge cases, and every instruction of
 * IFEval's 541 input rows checked against the text_bison response on the same line.
 */
class ReferenceVerdictsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IfevalChecker CHECKER = new IfevalChecker();

  record Case(String name, String id, Map<String, Object> kwargs, String response, boolean strict, boolean loose) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    return readJsonl("/ifeval/checker_cases.jsonl").stream().map(m -> new Case((String) m.get("name"),
        (String) m.get("id"), cast(m.get("kwargs")), (String) m.get("response"), (Boolean) m.get("strict"),
        (Boolean) m.get("loose")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void handWrittenCaseMatchesReference(Case c) {
    Constraint constraint = new Constraint(c.id(), c.kwargs());
    assertEquals(c.strict(), CHECKER.check(constraint, "", c.response()), "strict");
    assertEquals(c.loose(), CHECKER.checkLoose(constraint, "", c.response()), "loose");
  }

  @Test
  void everyInputRowAgainstTextBisonResponsesMatchesReference() throws IOException {
    Path shared = SharedData.ifevalDir();
    List<IfevalInput> inputs = IfevalData.readInputs(shared.resolve("input_data.jsonl"));
    List<String> responses = new ArrayList<>();
    for (Map<String, Object> row : readJsonl(shared.resolve("responses_text_bison.jsonl"))) {
      responses.add((String) row.get("response"));
    }
    List<Map<String, Object>> expected = readJsonl("/ifeval/row_verdicts.jsonl");
    assertEquals(541, inputs.size());
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (int line = 0; line < inputs.size(); line++) {
      IfevalInput input = inputs.get(line);
      Map<String, Object> want = expected.get(line);
      assertEquals(input.key(), String.valueOf(want.get("key")));
      List<Instruction> instructions =
          IfevalEvaluation.bind(RuleBenchmark.IFEVAL.registry(), input, shared.resolve("input_data.jsonl"));
      for (FollowMode mode : FollowMode.values()) {
        List<Boolean> got = IfevalEvaluation.score(input, instructions, responses.get(line), mode).followed();
        List<?> wanted = (List<?>) want.get(mode == FollowMode.STRICT ? "strict" : "loose");
        for (int i = 0; i < got.size(); i++) {
          if (wanted.get(i) == null) continue; // the reference scores a random letter here
          checked++;
          if (!wanted.get(i).equals(got.get(i))) {
            mismatches.add("key " + input.key() + " " + input.instructionIds().get(i) + " " + mode);
          }
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(2 * (834 - 2), checked); // 834 instructions, two with a random letter
  }

  private static List<Map<String, Object>> readJsonl(String resource) throws IOException {
    InputStream in = ReferenceVerdictsTest.class.getResourceAsStream(resource);
    assertNotNull(in, resource);
    return readJsonl(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
  }

  private static List<Map<String, Object>> readJsonl(Path file) throws IOException {
    return readJsonl(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }

  private static List<Map<String, Object>> readJsonl(BufferedReader reader) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (reader) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
