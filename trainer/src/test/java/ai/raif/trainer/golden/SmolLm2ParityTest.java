package ai.raif.trainer.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.trainer.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded SmolLM2-135M GGUF against Hugging Face transformers on the same file
 * (tools/golden/model_golden.py): tokenization, chat-template rendering, logits, greedy continuations, scores.
 *
 * <p>Tolerance: |Δlogit| ≤ 5e-4. Both sides dequantise Q4_1/Q8_0 bit-identically to fp32 and run fp32, so what remains
 * is summation order over 30 layers: measured max 3.4e-5 on logits of magnitude ~20 (2026-11-23, 2 threads); the margin
 * covers other CPUs and thread counts, whose GEMM blocking changes the order. Greedy tokens must be identical: the
 * smallest top-2 gap on the greedy paths is 0.017, far above that.
 */
class SmolLm2ParityTest {
  static final double TOL = 5e-4;
  static JsonNode golden;
  static LanguageModel lm;

  @BeforeAll
  static void load() {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched (bin/fetch-default-model)");
    golden = Golden.read("/golden/smollm2_transformers.json");
    lm = LanguageModel.load(DefaultModel.NAME);
  }

  @AfterAll
  static void close() {
    if (lm != null) lm.close();
  }

  static List<ChatMessage> messages(JsonNode a) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonNode m : a) out.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
    return out;
  }

  static int[] promptIds(JsonNode c) {
    if (c.get("kind").asText().equals("chat")) {
      List<ChatMessage> msgs = messages(c.get("messages"));
      assertEquals(c.get("rendered_prompt").asText(), lm.renderChat(msgs), c.get("name") + ": chat template");
      return lm.encodeChat(msgs);
    }
    return lm.encodeRaw(c.get("text").asText());
  }

  @Test
  void tokenizationAndTemplatesMatch() {
    for (JsonNode c : golden.get("cases")) {
      assertArrayEquals(Golden.ints(c.get("input_ids")), promptIds(c), c.get("name") + ": token ids");
    }
  }

  @Test
  void logitsMatchWithinTolerance() {
    int[] probes = Golden.ints(golden.get("probe_ids"));
    double worst = 0;
    for (JsonNode c : golden.get("cases")) {
      String name = c.get("name").asText();
      int[] ids = Golden.ints(c.get("input_ids"));
      float[][] all = lastAndArgmax(ids);
      float[] last = all[0];
      int[] top = Golden.ints(c.get("top_ids"));
      float[] topLogits = Golden.floats(c.get("top_logits"));
      for (int i = 0; i < top.length; i++) {
        worst = Math.max(worst, Math.abs(topLogits[i] - last[top[i]]));
        assertEquals(topLogits[i], last[top[i]], TOL, name + ": logit of top token " + top[i]);
      }
      float[] probeLogits = Golden.floats(c.get("probe_logits"));
      for (int i = 0; i < probes.length; i++) {
        worst = Math.max(worst, Math.abs(probeLogits[i] - last[probes[i]]));
        assertEquals(probeLogits[i], last[probes[i]], TOL, name + ": logit of probe token " + probes[i]);
      }
      int[] argmax = Golden.ints(c.get("argmax_per_position"));
      for (int t = 0; t < argmax.length; t++) assertEquals(argmax[t], (int) all[1][t], name + ": argmax at " + t);
    }
    System.out.printf("SmolLM2 parity: max |Δlogit| = %.2e over %d cases%n", worst, golden.get("cases").size());
  }

  /** Row 0: last-position logits; row 1: the argmax at every position. */
  static float[][] lastAndArgmax(int[] ids) {
    try (NDManager m = lm.manager().newSubManager()) {
      long[][] rows = {new long[ids.length]};
      for (int i = 0; i < ids.length; i++) rows[0][i] = ids[i];
      float[] logits = TinyModelParityTest.forward(lm.causalLM(), m, rows, TinyModelParityTest.positions(ids.length),
          TinyModelParityTest.allValid(ids.length));
      int v = lm.config().vocabSize();
      float[] last = java.util.Arrays.copyOfRange(logits, (ids.length - 1) * v, ids.length * v);
      float[] argmax = new float[ids.length];
      for (int t = 0; t < ids.length; t++) {
        int best = 0;
        for (int k = 1; k < v; k++) if (logits[t * v + k] > logits[t * v + best]) best = k;
        argmax[t] = best;
      }
      return new float[][] {last, argmax};
    }
  }

  @Test
  void greedyContinuationsAreIdentical() {
    // transformers' golden run ignored EOS, so no stop tokens here: exactly 32 tokens each, all in one batch.
    assertGreedyGolden(Batching.continuous(golden.get("cases").size()));
  }

  @Test
  void greedyContinuationsAreIdenticalThroughFewerSlotsThanRequests() {
    assertGreedyGolden(Batching.continuous(2));
    assertGreedyGolden(new Batching(2, Batching.Policy.STATIC));
  }

  private void assertGreedyGolden(Batching batching) {
    List<Sampler.Request> requests = new ArrayList<>();
    for (JsonNode c : golden.get("cases")) requests.add(new Sampler.Request(Golden.ints(c.get("input_ids")), 0));
    List<Generation> out = new Sampler(lm.causalLM(), ids -> lm.tokenizer().decode(ids, false))
        .generate(lm.manager(), requests, SamplingParams.greedy(32), batching);
    for (int i = 0; i < out.size(); i++) {
      JsonNode c = golden.get("cases").get(i);
      assertArrayEquals(Golden.ints(c.get("greedy_ids")), out.get(i).tokenIds(), c.get("name") + ": greedy ids");
      assertEquals(c.get("greedy_text").asText(), out.get(i).text(), c.get("name") + ": greedy text");
      assertArrayEquals(Golden.floats(c.get("greedy_logprobs")), out.get(i).modelLogprobs(), (float) TOL,
          c.get("name") + ": greedy log-probs");
    }
    assertTrue(out.get(0).text().contains("Paris"), out.get(0).text());
  }

  @Test
  void leftPaddedBatchMatches() {
    JsonNode batch = golden.get("batch");
    long[][] ids = TinyModelParityTest.rows(batch.get("input_ids"));
    long[][] pos = TinyModelParityTest.rows(batch.get("position_ids"));
    boolean[][] valid = new boolean[ids.length][ids[0].length];
    for (int i = 0; i < ids.length; i++) {
      for (int t = 0; t < ids[0].length; t++) valid[i][t] = batch.get("attention_mask").get(i).get(t).asInt() == 1;
    }
    try (NDManager m = lm.manager().newSubManager()) {
      float[] logits = TinyModelParityTest.forward(lm.causalLM(), m, ids, pos, valid);
      int v = lm.config().vocabSize();
      int t = ids[0].length;
      for (int i = 0; i < ids.length; i++) {
        JsonNode row = batch.get("rows").get(i);
        int[] top = Golden.ints(row.get("top_ids"));
        float[] want = Golden.floats(row.get("top_logits"));
        for (int k = 0; k < top.length; k++) {
          assertEquals(want[k], logits[(i * t + t - 1) * v + top[k]], TOL, "batch row " + i + " token " + top[k]);
        }
      }
    }
  }

  @Test
  void teacherForcedScoresMatch() {
    for (JsonNode s : golden.get("scores")) {
      int[] prompt = Golden.ints(s.get("prompt_ids"));
      int[] cont = Golden.ints(s.get("continuation_ids"));
      assertArrayEquals(cont, lm.tokenizer().encode(s.get("continuation").asText(), false), "continuation tokens");
      float[] got = lm.score(List.of(new Scorer.Pair(prompt, cont))).get(0);
      assertArrayEquals(Golden.floats(s.get("token_logprobs")), got, (float) TOL, s.get("name").asText());
    }
  }
}
