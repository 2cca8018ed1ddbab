package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.TestModels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Top log-probs are reported on request and change nothing else. */
class SamplerTopLogprobsTest {
  static NDManager manager;
  static CausalLM lm;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
    lm = TestModels.tinyLlama(manager);
  }

  @AfterAll
  static void stop() {
    lm.close();
    manager.close();
  }

  static final List<Sampler.Request> REQUESTS =
      List.of(new Sampler.Request(new int[] {5, 9, 14, 3}, 42), new Sampler.Request(new int[] {60, 2}, 7));

  static List<Generation> run(SamplingParams p) {
    return new Sampler(lm, SamplerTest.DECODE).generate(manager, REQUESTS, p);
  }

  @Test
  void greedyPicksAreTheBestAlternative() {
    List<Generation> out = run(SamplingParams.greedy(6).withTopLogprobs(5));
    for (Generation g : out) {
      assertEquals(g.generatedTokens(), g.topLogprobs().size());
      for (int t = 0; t < g.generatedTokens(); t++) {
        TopLogprobs top = g.topLogprobs().get(t);
        assertEquals(5, top.size());
        assertEquals(g.tokenIds()[t], top.tokenIds()[0]);
        assertEquals(g.modelLogprobs()[t], top.logprobs()[0], 1e-5f);
        for (int j = 1; j < 5; j++) assertTrue(top.logprobs()[j] <= top.logprobs()[j - 1], "best first");
        assertTrue(top.logprobs()[0] <= 0);
      }
    }
  }

  @Test
  void askingForThemChangesNoDraw() {
    SamplingParams sampled = new SamplingParams(1.0, 0.9, 20, 8, Set.of(), List.of());
    List<Generation> plain = run(sampled);
    List<Generation> withTop = run(sampled.withTopLogprobs(3));
    for (int i = 0; i < plain.size(); i++) {
      assertArrayEquals(plain.get(i).tokenIds(), withTop.get(i).tokenIds());
      assertArrayEquals(plain.get(i).sampledLogprobs(), withTop.get(i).sampledLogprobs(), 1e-6f);
      assertEquals(List.of(), plain.get(i).topLogprobs(), "off by default");
      // The sampled token's raw log-prob never beats the best alternative.
      for (int t = 0; t < withTop.get(i).generatedTokens(); t++) {
        assertTrue(withTop.get(i).modelLogprobs()[t] <= withTop.get(i).topLogprobs().get(t).logprobs()[0] + 1e-5f);
      }
    }
  }

  @Test
  void settingsKeepTheirTopLogprobs() {
    SamplingParams p = SamplingParams.greedy(4).withTopLogprobs(2);
    assertEquals(2, p.withMaxNewTokens(9).topLogprobs());
    assertEquals(2, p.withStopTokenIds(Set.of(1)).topLogprobs());
    assertEquals(0, SamplingParams.greedy(4).topLogprobs());
    assertEquals(0, new SamplingParams(0.5, 1, 0, 4, null, null).topLogprobs());
    assertThrows(IllegalArgumentException.class, () -> SamplingParams.greedy(4).withTopLogprobs(-1));
    Generation legacy = new Generation("t", new int[] {1}, FinishReason.STOP, new float[1], new float[1], 3);
    assertEquals(List.of(), legacy.topLogprobs());
  }
}
