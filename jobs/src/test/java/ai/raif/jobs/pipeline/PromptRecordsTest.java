package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PromptRecordsTest {
  static String error(String line) {
    return PromptRecords.parse("run", 12, line).getAs("error");
  }

  @Test
  void aGoodLineBecomesARowWithConstraintsAsJsonText() {
    Row r = PromptRecords.parse("run", 3, "{\"prompt_id\": \"p\", \"source\": \"ifeval\", \"messages\": "
        + "[{\"role\": \"user\", \"content\": \"hi\"}], \"constraints\": {\"instruction_id_list\": [], \"kwargs\": []}}");
    assertNull(r.getAs("error"));
    assertEquals("p", r.getAs("prompt_id"));
    assertEquals("train", r.getAs("split"));
    assertEquals("{\"instruction_id_list\":[],\"kwargs\":[]}", r.getAs("constraints"));
    assertEquals(3L, r.<Long>getAs("line"));
  }

  @Test
  void badLinesNameLineFieldAndReason() {
    assertEquals("line 12: not valid JSON: Unexpected character ('x' (code 120)): was expecting double-quote to "
        + "start field name", error("{x"));
    assertEquals("line 12: expected a JSON object", error("[1]"));
    assertEquals("line 12: field prompt_id: missing or not a non-empty string", error("{\"source\": \"math\"}"));
    assertEquals("line 12 (prompt p): field source: missing (ifeval, complex or math)",
        error("{\"prompt_id\": \"p\", \"messages\": []}"));
    assertEquals("line 12 (prompt p): field messages[0]: needs role (system, user or assistant) and content strings",
        error("{\"prompt_id\": \"p\", \"source\": \"math\", \"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}"));
    assertEquals("line 12 (prompt p): field split: 'test', expected train or eval",
        error("{\"prompt_id\": \"p\", \"source\": \"math\", \"split\": \"test\", \"messages\": []}"));
    assertEquals("line 12 (prompt p): field reference_answer: expected a string, got NUMBER",
        error("{\"prompt_id\": \"p\", \"source\": \"math\", \"messages\": [], \"reference_answer\": 5}"));
    assertEquals("line-12", PromptRecords.parse("run", 12, "{x").getAs("prompt_id"));
  }

  @Test
  void aSourceOrLabelNoRewardCanScoreIsAnErrorRowBeforeAnythingIsGenerated() {
    String head = "{\"prompt_id\": \"p\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], ";
    assertEquals("line 12 (prompt p): field source: task 'poetry': unknown task tag (expected ifeval*, complex*, "
        + "math* or default)", error(head + "\"source\": \"poetry\"}"));
    assertEquals("line 12 (prompt p): field constraints: constraint 'punctuation:no_semicolon': unknown IFEval "
        + "instruction id",
        error(head + "\"source\": \"ifeval\", \"constraints\": {\"instruction_id_list\": "
            + "[\"punctuation:no_semicolon\"], \"kwargs\": [{}]}}"));
    String badKwarg = error(head + "\"source\": \"ifeval\", \"constraints\": {\"instruction_id_list\": "
        + "[\"detectable_format:number_bullet_lists\"], \"kwargs\": [{\"num_bullets\": \"three\"}]}}");
    assertTrue(badKwarg.startsWith("line 12 (prompt p): field constraints: ") && badKwarg.contains("kwarg 'num_bullets'"),
        badKwarg);
    // a rule of an inactive branch is checked too: it is scored when the seed takes the other branch
    String inactive = error(head + "\"source\": \"ifeval\", \"constraints\": {\"composition\": \"selection\", "
        + "\"steps\": [{\"name\": \"if\", \"active\": false, \"instruction_id_list\": [\"no:such\"], "
        + "\"kwargs\": [{}]}, {\"name\": \"else\", \"active\": true, \"instruction_id_list\": [], "
        + "\"kwargs\": []}]}}");
    assertTrue(inactive != null && inactive.contains("no:such"), inactive);
    assertTrue(error(head + "\"source\": \"complex\", \"constraints\": {\"kwargs\": 3}}")
        .startsWith("line 12 (prompt p): field constraints: label"));
    // what a scorer can read loads: rules, questions, a math prompt, a benchmark prompt scored by raif eval
    assertNull(error(head + "\"source\": \"ifeval\", \"constraints\": {\"instruction_id_list\": "
        + "[\"detectable_format:number_bullet_lists\"], \"kwargs\": [{\"num_bullets\": 3}]}}"));
    assertNull(error(head + "\"source\": \"complex\", \"constraints\": {\"scoring_questions\": [\"Is it kind?\"]}}"));
    assertNull(error(head + "\"source\": \"math\", \"reference_answer\": \"4\"}"));
    assertNull(error(head + "\"source\": \"ifeval\"}"));
  }
}
