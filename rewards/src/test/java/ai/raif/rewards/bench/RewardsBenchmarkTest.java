package ai.raif.rewards.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.IfevalInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardsBenchmarkTest {
  private static final List<IfevalInput> INPUTS = List.of(
      new IfevalInput("1", "p1", List.of("punctuation:no_comma", "startend:quotation"), List.of(Map.of(), Map.of())),
      new IfevalInput("2", "p2", List.of("change_case:english_capital"), List.of(Map.of())),
      new IfevalInput("3", "p3", List.of(), List.of()),
      new IfevalInput("4", "p4", List.of("length_constraints:number_words", "detectable_format:title"),
          List.of(Map.of("num_words", 6, "relation", "less than"), Map.of())));
  private static final List<String> RESPONSES = List.of(
      "Sure:\n\"one two three\"",
      "THE ANSWER IS IN ENGLISH AND\n\nit is mostly upper case, as asked.",
      "nothing to check",
      "<<Short title>>\n\nA few words here.");

  @TempDir Path dir;

  @Test
  void countsEveryInstructionOfEveryTextInBothModes() {
    RewardsWorkload workload = RewardsWorkload.of(INPUTS, RESPONSES, ResponseVariant.first(4), "test");
    // 5 instructions x 4 texts x (strict + loose)
    assertEquals(40, workload.checksPerPass());
    assertEquals(40, RewardsBenchmark.pass(workload, 1).checks());
    assertEquals(List.of(ResponseVariant.values()), workload.variants());
  }

  @Test
  void verdictTotalsAreThoseOfTheCheckerCalledDirectly() {
    IfevalChecker checker = new IfevalChecker();
    for (int n = 1; n <= ResponseVariant.values().length; n++) {
      List<ResponseVariant> variants = ResponseVariant.first(n);
      long strict = 0;
      long loose = 0;
      for (int row = 0; row < INPUTS.size(); row++) {
        IfevalInput input = INPUTS.get(row);
        for (ResponseVariant variant : variants) {
          String text = variant.apply(RESPONSES.get(row));
          for (int i = 0; i < input.instructionIds().size(); i++) {
            Constraint c = new Constraint(input.instructionIds().get(i), input.kwargs().get(i));
            if (checker.check(c, input.prompt(), text)) strict++;
            if (checker.checkLoose(c, input.prompt(), text)) loose++;
          }
        }
      }
      Verdicts expected = new Verdicts(10L * n, strict, loose);
      RewardsWorkload workload = RewardsWorkload.of(INPUTS, RESPONSES, variants, "test");
      assertEquals(expected, RewardsBenchmark.pass(workload, 1), n + " variants, one thread");
      assertEquals(expected, RewardsBenchmark.pass(workload, 3), n + " variants, three threads");
    }
  }

  @Test
  void variantsShiftSomeVerdicts() {
    Verdicts one = RewardsBenchmark.pass(RewardsWorkload.of(INPUTS, RESPONSES, ResponseVariant.first(1), "t"), 1);
    Verdicts four = RewardsBenchmark.pass(RewardsWorkload.of(INPUTS, RESPONSES, ResponseVariant.first(4), "t"), 1);
    assertTrue(four.passedStrict() != 4 * one.passedStrict() || four.passedLoose() != 4 * one.passedLoose(),
        "the variants should not all give the response's own verdicts: " + one + " vs " + four);
  }

  @Test
  void measurementTimesTheSamePass() {
    RewardsWorkload workload = RewardsWorkload.of(INPUTS, RESPONSES, ResponseVariant.first(2), "test");
    Measurement m = RewardsBenchmark.measure(workload, 2, 1, 3);
    assertEquals(RewardsBenchmark.pass(workload, 1), m.verdicts());
    assertEquals(2, m.threads());
    assertTrue(m.secondsPerPass() > 0 && m.checksPerSecond() > 0, m.toString());
  }

  @Test
  void variantsAreTheDocumentedTexts() {
    String r = "Intro, caf\u00e9 ok.\n\nBody *x*.\n\nEnd";
    assertEquals(r, ResponseVariant.RESPONSE.apply(r));
    assertEquals("INTRO, CAF\u00e9 OK.\n\nBODY *X*.\n\nEND", ResponseVariant.UPPER_CASED.apply(r));
    assertEquals("Body *x*.\n\nEnd", ResponseVariant.FIRST_PARAGRAPH_DROPPED.apply(r));
    assertEquals("one line", ResponseVariant.FIRST_PARAGRAPH_DROPPED.apply("one line"));
    assertEquals(r + "\n\n" + r, ResponseVariant.DOUBLED.apply(r));
    assertEquals(List.of(ResponseVariant.RESPONSE, ResponseVariant.UPPER_CASED), ResponseVariant.first(2));
    assertThrows(IllegalArgumentException.class, () -> ResponseVariant.first(0));
    assertThrows(IllegalArgumentException.class, () -> ResponseVariant.first(5));
  }

  @Test
  void loadsFilesLineByLine() throws IOException {
    Path input = write("input.jsonl",
        "{\"key\": 7, \"prompt\": \"a\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
        "{\"key\": 8, \"prompt\": \"b\", \"instruction_id_list\": [\"startend:quotation\"], \"kwargs\": [{}]}");
    Path responses = write("responses.jsonl",
        "{\"prompt\": \"other wording\", \"response\": \"no commas\"}",
        "{\"prompt\": \"b\", \"response\": \"\\\"quoted\\\"\"}");
    RewardsWorkload workload = RewardsWorkload.load(input, responses, 1);
    assertEquals(List.of("no commas"), workload.rows().get(0).texts());
    assertEquals(new Verdicts(4, 2, 2), RewardsBenchmark.pass(workload, 1));
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path input = write("input.jsonl",
        "{\"key\": 9, \"prompt\": \"a\", \"instruction_id_list\": [\"no:such_id\"], \"kwargs\": [{}]}");
    Path responses = write("responses.jsonl", "{\"prompt\": \"a\", \"response\": \"x\"}");
    Path twoResponses = write("two.jsonl", "{\"response\": \"x\"}", "{\"response\": \"y\"}");
    Path badResponse = write("bad.jsonl", "{\"response\": 3}");

    String unknown = assertThrows(IllegalArgumentException.class,
        () -> RewardsWorkload.load(input, responses, 1)).getMessage();
    assertTrue(unknown.contains(input + ": row with key 9") && unknown.contains("no:such_id"), unknown);
    String counts = assertThrows(IllegalArgumentException.class,
        () -> RewardsWorkload.load(input, twoResponses, 1)).getMessage();
    assertTrue(counts.contains("has 1 rows but " + twoResponses + " has 2"), counts);
    String type = assertThrows(IllegalArgumentException.class,
        () -> RewardsWorkload.load(input, badResponse, 1)).getMessage();
    assertEquals(badResponse + " line 1: \"response\" must be a string", type);
    String missing = assertThrows(IllegalArgumentException.class,
        () -> RewardsWorkload.load(dir.resolve("absent.jsonl"), responses, 1)).getMessage();
    assertEquals(dir.resolve("absent.jsonl") + ": no such file", missing);
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }
}
