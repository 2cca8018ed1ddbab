package ai.raif.rewards.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge-scored metrics on small files with recorded verdicts, against values computed by hand. */
class JudgedBenchmarkTest {
  @TempDir Path dir;

  @Test
  void infobenchDrfrIsTheShareOfYesOverAllQuestionsAndPerSubset() throws IOException {
    JudgedBenchmark b = read(Benchmark.INFOBENCH, "info.jsonl", """
        {"id": "a", "instruction": "Write a haiku.", "input": "", "decomposed_questions": ["q1", "q2", "q3"], "subset": "Easy_set"}
        {"id": 7, "instruction": "Summarise:", "input": "Some text.", "decomposed_questions": ["q4", "q5"], "subset": "Hard_set"}
        {"id": "bad", "input": "x", "decomposed_questions": ["q"]}
        """);
    assertEquals(List.of("a", "7"), b.items().stream().map(JudgedItem::key).toList());
    assertEquals("Summarise:\nSome text.", b.items().get(1).prompt());
    assertEquals(1, b.skipped().size());
    assertTrue(b.skipped().get(0).endsWith("info.jsonl line 3: field instruction: missing"), b.skipped().get(0));

    Map<String, List<Boolean>> verdicts = new HashMap<>();
    verdicts.put("a", List.of(true, false, true));
    verdicts.put("7", Arrays.asList(true, null)); // the judge could not answer q5: counted as NO
    Map<String, Metric> m = byName(b.metrics(verdicts));
    assertEquals(3.0 / 5, m.get("drfr").value(), 1e-12);
    assertEquals(5, m.get("drfr").n());
    assertEquals(2.0 / 3, m.get("drfr_easy_set").value(), 1e-12);
    assertEquals(0.5, m.get("drfr_hard_set").value(), 1e-12);
  }

  @Test
  void followbenchHsrSsrPerLevelAndConsecutiveSatisfiedLevels() throws IOException {
    JudgedBenchmark b = read(Benchmark.FOLLOWBENCH, "follow.jsonl", """
        {"example_id": 1, "category": "content", "level": 0, "instruction": "Describe a cat."}
        {"example_id": 1, "category": "content", "level": 1, "instruction": "Describe a black cat."}
        {"example_id": 1, "category": "content", "level": 2, "instruction": "Describe a black cat in French."}
        {"example_id": 1, "category": "content", "level": 3, "instruction": "Describe a black cat in French, in 3 lines."}
        {"example_id": 2, "category": "style", "level": 1.0, "instruction": "Write a sad poem."}
        {"example_id": 2, "category": "style", "level": 2, "instruction": "Write a sad poem that rhymes."}
        """);
    assertEquals(List.of("content/1/level1", "content/1/level2", "content/1/level3", "style/2/level1",
        "style/2/level2"), b.items().stream().map(JudgedItem::key).toList());
    String q2 = b.items().get(1).questions().get(1);
    assertTrue(q2.contains("\"Describe a black cat.\"") && q2.contains("\"Describe a black cat in French.\""), q2);
    assertTrue(b.items().get(3).questions().get(0).contains("\"Write a sad poem.\""));

    Map<String, List<Boolean>> verdicts = Map.of(
        "content/1/level1", List.of(true),
        "content/1/level2", List.of(true, true),
        "content/1/level3", List.of(true, false, true),
        "style/2/level1", List.of(false),
        "style/2/level2", List.of(true, true));
    Map<String, Metric> m = byName(b.metrics(verdicts));
    assertEquals(0.5, m.get("hsr_level1").value(), 1e-12);
    assertEquals(1.0, m.get("hsr_level2").value(), 1e-12);
    assertEquals(0.0, m.get("hsr_level3").value(), 1e-12);
    assertEquals(0.5, m.get("ssr_level1").value(), 1e-12);
    assertEquals(1.0, m.get("ssr_level2").value(), 1e-12);
    assertEquals(2.0 / 3, m.get("ssr_level3").value(), 1e-12);
    assertEquals(0.5, m.get("hsr").value(), 1e-12);
    assertEquals((0.5 + 1 + 2.0 / 3) / 3, m.get("ssr").value(), 1e-12);
    // content/1 satisfies levels 1 and 2 then fails 3: CSL 2; style/2 fails level 1: CSL 0 (level 2 does not count)
    assertEquals(1.0, m.get("csl").value(), 1e-12);
    assertEquals(2, m.get("csl").n());
  }

  @Test
  void complexbenchDependenciesAreDirectAndUseRawVerdicts() throws IOException {
    JudgedBenchmark b = read(Benchmark.COMPLEXBENCH, "complex.json", """
        [{"main_id": 1, "instruction": "中文", "instruction_en": "Write a 3-line poem about tea, then list keywords.",
          "category": ["And"], "scoring_questions": [
            {"point_id": 1, "question_en": "Is it 3 lines?", "dep": [], "constraint_dimensions": ["Length"]},
            {"point_id": 2, "question_en": "Is it about tea?", "dep": [1], "constraint_dimensions": ["Topic"]},
            {"point_id": 3, "question_en": "Are keywords listed?", "dep": [2], "constraint_dimensions": ["Keywords"]}]},
         {"main_id": 2, "instruction": "Plan a trip.", "category": ["Chain_1"], "scoring_questions": [
            {"point_id": 1, "question": "Is it helpful?", "dep": [], "constraint_dimensions": "Helpfulness"},
            {"point_id": 2, "question": "Does it follow the template?", "dep": [1], "constraint_dimensions": "Template"}]},
         {"main_id": 3, "instruction": "x", "category": ["And"], "scoring_questions": [
            {"point_id": 1, "question": "q", "dep": [9], "constraint_dimensions": []}]}]
        """);
    assertEquals("Write a 3-line poem about tea, then list keywords.", b.items().get(0).prompt());
    assertEquals(List.of("Is it 3 lines?", "Is it about tea?", "Are keywords listed?"), b.items().get(0).questions());
    assertEquals(1, b.skipped().size());
    assertTrue(b.skipped().get(0).contains("row 3 scoring_questions[0]: field dep: point_id 9"), b.skipped().get(0));

    Map<String, List<Boolean>> verdicts = Map.of("1", List.of(false, true, true), "2", List.of(true, true));
    Map<String, Metric> m = byName(b.metrics(verdicts));
    // instance 1: q1 NO; q2 YES but depends on q1 → NO; q3 YES and its direct dependency q2 was YES raw → YES
    assertEquals(3.0 / 5, m.get("drfr").value(), 1e-12);
    assertEquals(1.0 / 3, m.get("drfr_and").value(), 1e-12);
    assertEquals(1.0, m.get("drfr_chain_1").value(), 1e-12);
    assertEquals(0.5, m.get("drfr_format").value(), 1e-12);
    assertEquals(0.0, m.get("drfr_semantic").value(), 1e-12);
    assertEquals(1.0, m.get("drfr_lexical").value(), 1e-12);
    assertEquals(1.0, m.get("drfr_utility").value(), 1e-12);
  }

  @Test
  void limitKeepsTheFirstUsableItems() throws IOException {
    JudgedBenchmark b = read(Benchmark.INFOBENCH, "info.jsonl", """
        {"id": "1", "instruction": "a", "decomposed_questions": ["q"]}
        {"id": "2", "instruction": "b", "decomposed_questions": ["q"]}
        {"id": "3", "instruction": "c", "decomposed_questions": ["q"]}
        """, 2);
    assertEquals(List.of("1", "2"), b.items().stream().map(JudgedItem::key).toList());
  }

  @Test
  void aFileThatIsNotJsonNamesItsLine() throws IOException {
    Path f = dir.resolve("broken.jsonl");
    Files.writeString(f, "{\"id\": 1}\n{not json\n");
    BenchmarkDataException e = assertThrows(BenchmarkDataException.class,
        () -> JudgedBenchmark.read(Benchmark.INFOBENCH, f, 0));
    assertTrue(e.getMessage().contains("broken.jsonl line 2: not valid JSON"), e.getMessage());
  }

  private JudgedBenchmark read(Benchmark benchmark, String name, String content) throws IOException {
    return read(benchmark, name, content, 0);
  }

  private JudgedBenchmark read(Benchmark benchmark, String name, String content, int limit) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return JudgedBenchmark.read(benchmark, f, limit);
  }

  private static Map<String, Metric> byName(List<Metric> metrics) {
    return metrics.stream().collect(Collectors.toMap(Metric::name, m -> m));
  }
}
