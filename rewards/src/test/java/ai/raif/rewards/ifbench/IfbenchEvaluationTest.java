package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.ifeval.IfevalDataException;
import ai.raif.rewards.ifeval.IfevalMetrics;
import ai.raif.rewards.ifeval.Tally;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IfbenchEvaluationTest {
  @TempDir Path dir;

  @Test
  void responsesMatchStrippedPromptsAndMissingOnesScoreAsEmptyOutput() throws IOException {
    Path input = write("input.jsonl",
        "{\"key\": \"1\", \"prompt\": \" Padded \", \"instruction_id_list\": [\"format:no_whitespace\"], "
            + "\"kwargs\": [{\"N\": null}]}",
        "{\"key\": \"2\", \"prompt\": \"Trimmed\", \"instruction_id_list\": [\"format:no_whitespace\"], "
            + "\"kwargs\": [{}]}",
        "{\"key\": \"3\", \"prompt\": \"Unanswered\", \"instruction_id_list\": [\"count:numbers\", "
            + "\"format:no_whitespace\"], \"kwargs\": [{}, {}]}");
    Path responses = write("responses.jsonl",
        "{\"prompt\": \"Padded\", \"response\": \"NoSpace\"}",
        "{\"prompt\": \"  Trimmed\\n\", \"response\": \"has space\"}");
    IfevalMetrics metrics = IfbenchEvaluation.run(input, responses, dir.resolve("out"));

    assertEquals(List.of(
        "{\"follow_all_instructions\": true, \"follow_instruction_list\": [true], \"instruction_id_list\": "
            + "[\"format:no_whitespace\"], \"prompt\": \" Padded \", \"response\": \"NoSpace\"}",
        "{\"follow_all_instructions\": false, \"follow_instruction_list\": [false], \"instruction_id_list\": "
            + "[\"format:no_whitespace\"], \"prompt\": \"Trimmed\", \"response\": \"has space\"}",
        "{\"follow_all_instructions\": false, \"follow_instruction_list\": [false, false], \"instruction_id_list\": "
            + "[\"count:numbers\", \"format:no_whitespace\"], \"prompt\": \"Unanswered\", \"response\": \"\"}"),
        Files.readAllLines(dir.resolve("out/eval_results_loose.jsonl")));
    assertEquals(new Tally(1, 3), metrics.strict().prompts());
    assertEquals(new Tally(1, 4), metrics.loose().instructions());
  }

  @Test
  void invalidConstraintOfAnAnsweredRowIsNamedByKey() throws IOException {
    Path input = write("input.jsonl", "{\"key\": \"9\", \"prompt\": \"p\", \"instruction_id_list\": "
        + "[\"words:start_verb\"], \"kwargs\": [{}]}");
    Path responses = write("responses.jsonl", "{\"prompt\": \"p\", \"response\": \"Go now.\"}");
    IfevalDataException e =
        assertThrows(IfevalDataException.class, () -> IfbenchEvaluation.run(input, responses, dir));
    assertTrue(e.getMessage().contains("row with key \"9\": constraint 'words:start_verb': is not supported"),
        e.getMessage());
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
