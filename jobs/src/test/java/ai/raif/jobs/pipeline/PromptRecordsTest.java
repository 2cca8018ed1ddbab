package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
