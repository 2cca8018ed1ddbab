package ai.raif.jobs.cli;

import static ai.raif.jobs.cli.RaifCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.trainer.model.DefaultModel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code raif bench train}: a tiny run on the embedded model, and shape errors before any loading. */
class BenchTrainCommandTest {
  @Test
  void reportsTokensPerSecondAndPeakRss() {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    RaifCliTest.Run r = run("bench", "train", "--batch", "2", "--micro-batch", "1", "--prompt-tokens", "4",
        "--response-tokens", "3", "--experts", "1", "--steps", "1", "--no-reference");
    assertEquals(0, r.code(), r.err());
    String row = r.out().lines().filter(l -> l.startsWith("raif-djl")).findFirst().orElseThrow(() ->
        new AssertionError(r.out()));
    String[] f = row.trim().split("\\s+");
    assertEquals("2", f[1], row);
    assertEquals("1", f[2], row);
    assertEquals("21", f[3], row); // (2 rollouts + 1 expert) x (4 + 3) tokens
    assertTrue(Double.parseDouble(f[5]) > 0 && Long.parseLong(f[6]) > 0, row);
    assertTrue(r.out().contains("peak RSS"), r.out());
  }

  @Test
  void rejectsAZeroMicroBatchBeforeLoadingTheModel() {
    RaifCliTest.Run r = run("bench", "train", "--micro-batch", "0", "--model", "/nonexistent/model.gguf");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("micro-batch must be >= 1"), r.err());
  }
}
