package ai.raif.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.trainer.model.DefaultModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on the embedded model: what the README's first command does. */
class RaifCliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = RaifCli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void generateAnswersTheReadmeQuestion() {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    Run r = run("generate", "--prompt", "What is the capital of France?", "--set", "generation.max_new_tokens=24");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Paris"), r.out());
  }

  @Test
  void scorePrefersTheRightAnswer() {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    Run right = run("score", "--prompt", "What is the capital of France?", "--continuation", "Paris");
    Run wrong = run("score", "--prompt", "What is the capital of France?", "--continuation", "Berlin");
    assertEquals(0, right.code(), right.err());
    assertTrue(sum(right.out()) > sum(wrong.out()) + 1, right.out() + " vs " + wrong.out());
  }

  static double sum(String out) {
    return Double.parseDouble(out.replaceAll("(?s).*sum_logprob=(-?[0-9.]+).*", "$1").trim());
  }

  @Test
  void ifevalReproducesTheReferenceOnTheSharedTextBisonSet(@TempDir Path out) throws IOException {
    Path shared = Path.of(System.getProperty("raif.repo.root")).resolve("../shared/benchmarks/ifeval");
    assumeTrue(Files.isDirectory(shared), "shared/ benchmarks not beside the checkout");
    Path golden = shared.resolve("golden/text_bison");
    Run r = run("ifeval", "--input_data", golden.resolve("input_data_subset.jsonl").toString(),
        "--input_response_data", shared.resolve("responses_text_bison.jsonl").toString(), "--output_dir", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"eval_results_strict.jsonl", "eval_results_loose.jsonl"}) {
      assertEquals(Files.readString(golden.resolve(f)), Files.readString(out.resolve(f)), f);
    }
    JsonNode metrics = new ObjectMapper().readTree(golden.resolve("metrics.json").toFile());
    for (String key : new String[] {"prompt_level_strict_acc", "inst_level_strict_acc", "prompt_level_loose_acc",
        "inst_level_loose_acc"}) {
      assertTrue(r.out().contains(key), key + " missing from the report");
      String printed = r.out().replaceAll("(?s).*" + key + "\\W+([0-9.]+).*", "$1");
      assertEquals(metrics.get(key).asDouble(), Double.parseDouble(printed), 1e-9, key);
    }
    Run missing = run("ifeval", "--input_data", shared.resolve("input_data.jsonl").toString(),
        "--input_response_data", shared.resolve("responses_text_bison.jsonl").toString(), "--output_dir", out.toString());
    assertEquals(2, missing.code(), "the full 541-prompt set has prompts text-bison never answered");
    assertTrue(missing.err().startsWith("error:") && missing.err().contains("key"), missing.err());
  }

  @Test
  void errorsAreOneClearLine() {
    Run r = run("generate", "--prompt", "hi", "--set", "generation.temprature=1");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: unknown configuration key 'generation.temprature'"), r.err());
    Run missing = run("generate", "--prompt", "hi", "--model", "/nonexistent/model.gguf");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("model path not found: /nonexistent/model.gguf"), missing.err());
  }
}
