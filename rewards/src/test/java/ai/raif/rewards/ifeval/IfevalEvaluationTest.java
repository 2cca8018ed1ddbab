package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IfevalEvaluationTest {
  @TempDir Path dir;

  @Test
  void writesOneLinePerInputRowInInputOrder() throws IOException {
    Path input = write("input.jsonl",
        "{\"key\": 2, \"prompt\": \"Second?\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
        "",
        "{\"key\": 1, \"prompt\": \"First \\u00e9\", \"instruction_id_list\": [\"punctuation:no_comma\", "
            + "\"startend:quotation\"], \"kwargs\": [{}, {}]}");
    Path responses = write("responses.jsonl",
        "{\"prompt\": \"First \\u00e9\", \"response\": \"Intro\\n\\\"caf\\u00e9 \\ud83d\\ude00\\\"\"}",
        "{\"prompt\": \"Second?\", \"response\": \"old, replaced\"}",
        "{\"prompt\": \"Second?\", \"response\": \"no comma\"}");
    IfevalMetrics metrics = IfevalEvaluation.run(input, responses, dir.resolve("out/nested"));

    List<String> strict = Files.readAllLines(dir.resolve("out/nested/eval_results_strict.jsonl"));
    assertEquals(List.of(
        "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true], \"instruction_id_list\": "
            + "[\"punctuation:no_comma\"], \"prompt\": \"Second?\", \"response\": \"no comma\"}",
        "{\"follow_all_instructions\": false, \"follow_instruction_list\": [true, false], \"instruction_id_list\": "
            + "[\"punctuation:no_comma\", \"startend:quotation\"], \"prompt\": \"First \\u00e9\", \"response\": "
            + "\"Intro\\n\\\"caf\\u00e9 \\ud83d\\ude00\\\"\"}"), strict);
    assertEquals(new Tally(1, 2), metrics.strict().prompts());
    assertEquals(new Tally(2, 2), metrics.loose().prompts(), "the quotation passes without the first line");
    assertEquals(new Tally(3, 3), metrics.loose().instructions());
  }

  @Test
  void promptWithoutResponseIsNamedByKeyAndText() throws IOException {
    Path input = write("input.jsonl", "{\"key\": 1000, \"prompt\": \"Write a 300+ word summary of the wikipedia page "
        + "about Raymond III, Count of Tripoli\", \"instruction_id_list\": [], \"kwargs\": []}");
    Path responses = write("responses.jsonl", "{\"prompt\": \"other\", \"response\": \"x\"}");
    IfevalDataException e =
        assertThrows(IfevalDataException.class, () -> IfevalEvaluation.run(input, responses, dir));
    assertTrue(e.getMessage().contains("no response for the prompt of key 1000 (\"Write a 300+ word summary of the "
        + "wikipedia page about Raymon...\")"), e.getMessage());
    assertTrue(e.getMessage().contains(responses.toString()), e.getMessage());
  }

  @Test
  void badJsonLineIsNamedByFileAndLine() throws IOException {
    Path input = write("input.jsonl",
        "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": [], \"kwargs\": []}", "{\"key\": 2, \"prompt\": ");
    IfevalDataException e = assertThrows(IfevalDataException.class, () -> IfevalData.readInputs(input));
    assertTrue(e.getMessage().startsWith(input + " line 2: not valid JSON"), e.getMessage());

    Path trailing = write("trailing.jsonl", "{\"prompt\": \"p\", \"response\": \"r\"} extra");
    e = assertThrows(IfevalDataException.class, () -> IfevalData.readResponses(trailing));
    assertTrue(e.getMessage().startsWith(trailing + " line 1: not valid JSON"), e.getMessage());
  }

  @Test
  void malformedRowsAreNamedByLineAndKey() throws IOException {
    Path missingPrompt = write("a.jsonl", "{\"key\": 7, \"instruction_id_list\": [], \"kwargs\": []}");
    assertMessage(() -> IfevalData.readInputs(missingPrompt), missingPrompt + " line 1 (key 7): \"prompt\" must be");
    Path counts = write("b.jsonl",
        "{\"key\": 8, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": []}");
    assertMessage(() -> IfevalData.readInputs(counts), "(key 8): 1 instruction ids but 0 kwargs");
    Path notObject = write("c.jsonl", "[1, 2]");
    assertMessage(() -> IfevalData.readResponses(notObject), notObject + " line 1: expected a JSON object");
    Path nullResponse = write("d.jsonl", "{\"prompt\": \"p\", \"response\": null}");
    assertMessage(() -> IfevalData.readResponses(nullResponse), "line 1: \"response\" must be a string");
  }

  @Test
  void invalidConstraintIsNamedByRowKey() throws IOException {
    Path input = write("input.jsonl", "{\"key\": 9, \"prompt\": \"p\", \"instruction_id_list\": "
        + "[\"keywords:frequency\"], \"kwargs\": [{\"keyword\": \"war\", \"relation\": \"at least\"}]}");
    Path responses = write("responses.jsonl", "{\"prompt\": \"p\", \"response\": \"war\"}");
    assertMessage(() -> IfevalEvaluation.run(input, responses, dir),
        "row with key 9: constraint 'keywords:frequency', kwarg 'frequency': is missing");
  }

  @Test
  void emptyInputIsAnError() throws IOException {
    Path input = write("input.jsonl", "");
    Path responses = write("responses.jsonl", "");
    assertMessage(() -> IfevalEvaluation.run(input, responses, dir), input + ": no input rows");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable run, String part) {
    IfevalDataException e = assertThrows(IfevalDataException.class, run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
