package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {
  static NDManager manager;
  static CausalLM lm;
  /** Token ids as text ("12 7 3 ") so stop strings can be tested without a tokenizer. */
  static final Function<int[], String> DECODE = ids -> {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) sb.append(id).append(' ');
    return sb.toString();
  };

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

  static final int[] A = {5, 9, 14, 3};
  static final int[] B = {60, 2};
  static final int[] C = {7, 7, 7, 7, 7, 7, 7};

  @Test
  void samePromptAndSeedGiveTheSameTokensAtAnyBatchPosition() {
    SamplingParams p = new SamplingParams(1.0, 0.9, 20, 12, null, null);
    Sampler s = new Sampler(lm, DECODE);
    Generation alone = s.generate(manager, List.of(new Sampler.Request(A, 42)), p).get(0);
    List<Generation> batch = s.generate(manager, List.of(new Sampler.Request(C, 1), new Sampler.Request(B, 2),
        new Sampler.Request(A, 42)), p);
    assertArrayEquals(alone.tokenIds(), batch.get(2).tokenIds());
    assertArrayEquals(alone.sampledLogprobs(), batch.get(2).sampledLogprobs(), 1e-4f);
    Generation otherSeed = s.generate(manager, List.of(new Sampler.Request(A, 43)), p).get(0);
    assertTrue(!Arrays.equals(alone.tokenIds(), otherSeed.tokenIds()), "a different seed should change 12 sampled tokens");
  }

  @Test
  void greedyLogprobsAgreeWithTheScorer() {
    Generation g = new Sampler(lm, DECODE).generate(manager, List.of(new Sampler.Request(A, 0)),
        SamplingParams.greedy(6)).get(0);
    assertEquals(FinishReason.LENGTH, g.finishReason());
    assertEquals(6, g.generatedTokens());
    float[] scored = new Scorer(lm).score(manager, List.of(new Scorer.Pair(A, g.tokenIds()))).get(0);
    assertArrayEquals(g.modelLogprobs(), scored, 1e-4f);
  }

  @Test
  void stopTokensAndStopStringsEndASequence() {
    Generation free = new Sampler(lm, DECODE).generate(manager, List.of(new Sampler.Request(A, 0)),
        SamplingParams.greedy(8)).get(0);
    int third = free.tokenIds()[2];
    Generation byToken = new Sampler(lm, DECODE).generate(manager, List.of(new Sampler.Request(A, 0)),
        SamplingParams.greedy(8).withStopTokenIds(Set.of(third))).get(0);
    int firstAt = 0;
    while (free.tokenIds()[firstAt] != third) firstAt++;
    assertEquals(FinishReason.STOP, byToken.finishReason());
    assertEquals(firstAt + 1, byToken.generatedTokens(), "the stop token is kept in the ids");
    assertEquals(DECODE.apply(Arrays.copyOf(free.tokenIds(), firstAt)), byToken.text(), "but not in the text");

    String stop = free.tokenIds()[1] + " ";
    Generation byString = new Sampler(lm, DECODE).generate(manager, List.of(new Sampler.Request(A, 0)),
        new SamplingParams(0, 1, 0, 8, null, List.of(stop))).get(0);
    assertEquals(FinishReason.STOP, byString.finishReason());
    String all = DECODE.apply(free.tokenIds());
    assertEquals(all.substring(0, all.indexOf(stop)), byString.text(), "text is cut before the stop string");
  }

  @Test
  void badPromptsGetClearErrors() {
    Sampler s = new Sampler(lm, DECODE);
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> s.generate(manager, List.of(new Sampler.Request(A, 0), new Sampler.Request(new int[0], 0)),
            SamplingParams.greedy(4)));
    assertTrue(empty.getMessage().contains("prompt 1 is empty"), empty.getMessage());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> s.generate(manager, List.of(new Sampler.Request(new int[120], 0)), SamplingParams.greedy(20)));
    assertTrue(tooLong.getMessage().contains("exceeds the model context of 128"), tooLong.getMessage());
  }
}
