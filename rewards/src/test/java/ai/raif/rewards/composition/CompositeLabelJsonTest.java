package ai.raif.rewards.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompositeLabelJsonTest {
  static String resource(String name) throws IOException {
    try (InputStream in = CompositeLabelJsonTest.class.getResourceAsStream("/reward/labels/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsRaifIfevalLabels() throws IOException {
    CompositeLabel label = CompositeLabelJson.parse(resource("raif_ifeval.json"));
    assertEquals(Composition.AND, label.composition());
    assertEquals(List.of(
        new Constraint("keywords:existence", Map.of("keywords", List.of("spark", "delta"))),
        new Constraint("length_constraints:number_words", Map.of("relation", "at least", "num_words", 50)),
        new Constraint("detectable_format:title", Map.of())), label.activeRules());
    assertEquals(List.of(), label.activeQuestions());
    assertEquals(Map.of("follow_score_qwen2.5-7B-Instruct", 2.0), label.referenceScores());
  }

  @Test
  void readsRaifComplexLabels() throws IOException {
    CompositeLabel label = CompositeLabelJson.parse(resource("raif_complex.json"));
    assertEquals(2, label.activeQuestions().size());
    assertTrue(label.activeQuestions().get(1).startsWith("是否语义连贯通顺"));
    assertEquals(1.0, label.referenceScores().get("scoring_sum_qwen2.5-7B-Instruct"));
  }

  @Test
  void readsCompositeLabelsAndTheirActiveSteps() throws IOException {
    CompositeLabel selection = CompositeLabelJson.parse(resource("selection.json"));
    assertEquals(Composition.SELECTION, selection.composition());
    assertFalse(selection.steps().get(0).active());
    assertTrue(selection.steps().get(1).active(), "active defaults to true");
    assertEquals(List.of("alpha", "beta"),
        selection.activeRules().stream().map(c -> c.kwargs().get("word")).toList());
    assertEquals(List.of(), selection.activeQuestions(), "the inactive branch's question is not asked");

    CompositeLabel chain = CompositeLabelJson.parse(resource("chain.json"));
    assertEquals(1, chain.activeRules().size());
    assertEquals(List.of("Is the summary shorter than the translation?"), chain.activeQuestions());
  }

  @ParameterizedTest
  @ValueSource(strings = {"raif_ifeval.json", "raif_complex.json", "selection.json", "chain.json"})
  void roundTripsThroughJson(String file) throws IOException {
    CompositeLabel label = CompositeLabelJson.parse(resource(file));
    String written = CompositeLabelJson.write(label);
    assertEquals(label, CompositeLabelJson.parse(written));
    assertEquals(file.startsWith("raif_"), !written.contains("\"steps\""), "RAIF labels stay in RAIF's flat form");
  }

  @Test
  void writesRaifLabelsInRaifForm() {
    CompositeLabel label = CompositeLabel.ofRules(List.of(new Constraint("change_case:english_lowercase", null)));
    assertEquals("{\"instruction_id_list\":[\"change_case:english_lowercase\"],\"kwargs\":[{}]}",
        CompositeLabelJson.write(label));
    assertEquals("{\"scoring_questions\":[]}", CompositeLabelJson.write(CompositeLabel.ofQuestions(List.of())));
    CompositeLabel scored = new CompositeLabel(Composition.AND, CompositeLabel.ofQuestions(List.of("q?")).steps(),
        Map.of("scoring_sum_qwen2.5-7B-Instruct", 2.0, "follow_score_x", 0.5));
    String json = CompositeLabelJson.write(scored);
    assertTrue(json.contains("\"scoring_sum_qwen2.5-7B-Instruct\":2") && json.contains("\"follow_score_x\":0.5"), json);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"instruction_id_list": ["a"], "kwarg": [{}]}                               | label: unknown key 'kwarg'
      {"instruction_id_list": ["a", "b"], "kwargs": [{}]}                         | label: instruction_id_list has 2 entries but kwargs has 1
      {"instruction_id_list": ["a"], "kwargs": [3]}                               | label.kwargs[0]: expected an object or null
      {"instruction_id_list": [""], "kwargs": [{}]}                               | label.instruction_id_list[0]: expected a non-empty string
      {"scoring_questions": "one?"}                                               | label.scoring_questions: expected an array
      {"scoring_questions": ["q"], "scoring_sum_x": "2"}                          | label.scoring_sum_x: expected a number
      {"follow_score_x": 1}                                                       | label: needs 'instruction_id_list', 'scoring_questions' or 'steps'
      [1, 2]                                                                      | label: expected a JSON object
      {"steps": [{"scoring_questions": ["q"]}]}                                   | label: 'steps' needs a 'composition'
      {"composition": "or", "steps": [{"scoring_questions": ["q"]}]}              | composition 'or': expected one of and, chain, selection
      {"composition": "and", "steps": {}}                                         | label.steps: expected an array
      {"composition": "and", "steps": []}                                         | label has no steps
      {"composition": "and", "steps": [{"scoring_question": ["q"]}]}              | label.steps[0]: unknown key 'scoring_question'
      {"composition": "and", "steps": [{"active": "yes", "scoring_questions": []}]} | label.steps[0].active: expected true or false
      {"composition": "and", "steps": [{"active": false, "scoring_questions": ["q"]}]} | label step 0 is inactive, but only selection labels have inactive steps
      {"composition": "chain", "steps": [{"scoring_questions": ["q"]}, {"active": false, "scoring_questions": ["r"]}]} | label step 1 is inactive, but only selection labels have inactive steps
      {"composition": "selection", "steps": [{"active": false, "scoring_questions": ["q"]}]} | label has no active step
      {"composition": "and", "scoring_questions": ["q"], "steps": []}             | label: unknown key 'scoring_questions' (a label with steps keeps its constraints inside the steps)
      """)
  void rejectsMalformedLabelsNamingTheKey(String json, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompositeLabelJson.parse(json));
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsTextThatIsNotJson() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompositeLabelJson.parse("{\"scoring_questions\": [\"q\""));
    assertTrue(e.getMessage().startsWith("label: not valid JSON"), e.getMessage());
  }
}
