package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.Architecture;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.model.RopeScaling;
import ai.raif.trainer.model.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Continuous and static batching give every request the tokens it gets alone, whatever its slot or neighbours. */
class SamplerBatchingTest {
  static NDManager manager;
  static CausalLM llama;
  static CausalLM slidingMistral;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager();
    llama = TestModels.tinyLlama(manager);
    ModelConfig w = new ModelConfig(Architecture.MISTRAL, 97, 32, 64, 2, 4, 2, 8, 1.0 / 65536, 10000,
        RopeScaling.NONE, 128, false, 6);
    slidingMistral = CausalLM.load(w, TestModels.randomWeights(w, 5), manager);
  }

  @AfterAll
  static void stop() {
    llama.close();
    slidingMistral.close();
    manager.close();
  }

  /** Groups of 3 samples per prompt (same prompt, different seeds), prompts of 2 to 11 tokens. */
  static List<Sampler.Request> groups(int prompts) {
    Random r = new Random(3);
    List<Sampler.Request> out = new ArrayList<>();
    for (int i = 0; i < prompts; i++) {
      int[] ids = new int[2 + r.nextInt(10)];
      for (int t = 0; t < ids.length; t++) ids[t] = 1 + r.nextInt(90);
      for (int g = 0; g < 3; g++) out.add(new Sampler.Request(ids, 1000L * i + g));
    }
    return out;
  }

  /** Sampled, with top log-probs, and a stop token common enough that rows end at different steps. */
  static final SamplingParams P = new SamplingParams(1.0, 0.95, 40, 24, Set.of(7, 13, 21), List.of(), 2);

  static List<Generation> each(CausalLM lm, List<Sampler.Request> requests, SamplingParams p) {
    List<Generation> out = new ArrayList<>();
    for (Sampler.Request r : requests) {
      out.add(new Sampler(lm, SamplerTest.DECODE).generate(manager, List.of(r), p).get(0));
    }
    return out;
  }

  static void assertSame(List<Generation> want, List<Generation> got, String how) {
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      Generation a = want.get(i);
      Generation b = got.get(i);
      assertArrayEquals(a.tokenIds(), b.tokenIds(), how + ": request " + i + " token ids");
      assertArrayEquals(a.sampledLogprobs(), b.sampledLogprobs(), 1e-4f, how + ": request " + i + " sampled lp");
      assertArrayEquals(a.modelLogprobs(), b.modelLogprobs(), 1e-4f, how + ": request " + i + " model lp");
      assertEquals(a.finishReason(), b.finishReason(), how + ": request " + i + " finish");
      assertEquals(a.text(), b.text(), how + ": request " + i + " text");
      for (int t = 0; t < a.topLogprobs().size(); t++) {
        assertArrayEquals(a.topLogprobs().get(t).tokenIds(), b.topLogprobs().get(t).tokenIds(), how + " top ids");
      }
    }
  }

  @Test
  void everyPolicyAndSlotCountGivesEachRequestItsOwnTokens() {
    List<Sampler.Request> requests = groups(7);
    List<Generation> alone = each(llama, requests, P);
    int lengths = (int) alone.stream().mapToInt(Generation::generatedTokens).distinct().count();
    assertTrue(lengths >= 3, "rows should end at different steps, got " + lengths + " distinct lengths");
    for (int slots : new int[] {1, 2, 5, 21, 40}) {
      for (Batching.Policy policy : Batching.Policy.values()) {
        List<Generation> got = new Sampler(llama, SamplerTest.DECODE)
            .generate(manager, requests, P, new Batching(slots, policy));
        assertSame(alone, got, policy + " with " + slots + " slots");
      }
    }
  }

  @Test
  void aRequestsOutputDoesNotDependOnItsPlaceInTheQueue() {
    List<Sampler.Request> requests = new ArrayList<>(groups(5));
    List<Generation> ordered = new Sampler(llama, SamplerTest.DECODE)
        .generate(manager, requests, P, Batching.continuous(4));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(9));
    List<Sampler.Request> shuffled = new ArrayList<>();
    for (int i : order) shuffled.add(requests.get(i));
    List<Generation> got = new Sampler(llama, SamplerTest.DECODE)
        .generate(manager, shuffled, P, Batching.continuous(3));
    List<Generation> back = new ArrayList<>(Collections.nCopies(got.size(), null));
    for (int i = 0; i < order.size(); i++) back.set(order.get(i), got.get(i));
    assertSame(ordered, back, "shuffled queue, 3 slots");
  }

  @Test
  void aPrefillBudgetSplitsABurstOfPromptsOverStepsWithoutChangingAnyOutput() {
    List<Sampler.Request> requests = groups(7);  // 7 distinct prompts of 2 to 11 tokens, 3 samples each
    List<int[]> prefills = new ArrayList<>();
    Sampler.Observer watch = new Sampler.Observer() {
      @Override
      public void prefilled(int batch, int paddedPromptTokens, long nanos) {
        prefills.add(new int[] {batch, paddedPromptTokens});
      }
    };
    List<Generation> got = new Sampler(llama, SamplerTest.DECODE, watch)
        .generate(manager, requests, P, Batching.continuous(21).withMaxPrefillTokens(24));
    assertSame(each(llama, requests, P), got, "prefill budget 24");
    assertTrue(prefills.size() > 1, "one prefill for all 7 prompts");
    for (int[] pf : prefills) {
      assertTrue(pf[0] == 1 || pf[0] * pf[1] <= 24, pf[0] + " prompts of " + pf[1] + " tokens: over the budget");
    }
    assertEquals(7, prefills.stream().mapToInt(pf -> pf[0]).sum(), "each prompt prefilled once");
  }

  @Test
  void longRunsCompactTheCacheWithoutChangingAnyOutput() {
    // 60 requests through 2 slots take hundreds of steps, far past the cache's slack, so it compacts many times.
    List<Sampler.Request> requests = groups(20);
    SamplingParams p = P.withMaxNewTokens(30);
    int[] steps = new int[1];
    Sampler.Observer count = new Sampler.Observer() {
      @Override
      public void decoded(int step, int activeRows, long nanos) {
        steps[0] = step;
      }
    };
    List<Generation> got = new Sampler(llama, SamplerTest.DECODE, count)
        .generate(manager, requests, p, Batching.continuous(2));
    assertTrue(steps[0] > 11 + 30 + BatchSession.COMPACTION_SLACK, "only " + steps[0] + " steps");
    assertSame(each(llama, requests, p), got, "2 slots over " + steps[0] + " steps");
  }

  @Test
  void slidingWindowAttentionSurvivesRefillsAndCompaction() {
    List<Sampler.Request> requests = groups(12);
    SamplingParams p = new SamplingParams(1.0, 1.0, 0, 40, Set.of(), List.of());
    assertSame(each(slidingMistral, requests, p), new Sampler(slidingMistral, SamplerTest.DECODE)
        .generate(manager, requests, p, Batching.continuous(3)), "sliding window, 3 slots");
  }

  @Test
  void theSamplesOfAPromptGroupShareOnePrefill() {
    List<Sampler.Request> requests = groups(6);  // 6 distinct prompts, 3 samples each
    for (int slots : new int[] {2, 4, 18}) {
      int[] prefilled = new int[1];
      Sampler.Observer count = new Sampler.Observer() {
        @Override
        public void prefilled(int batch, int paddedPromptTokens, long nanos) {
          prefilled[0] += batch;
        }
      };
      new Sampler(llama, SamplerTest.DECODE, count).generate(manager, requests, P, Batching.continuous(slots));
      assertEquals(6, prefilled[0], "prompts prefilled with " + slots + " slots");
    }
  }

  @Test
  void continuousBatchingNeedsFewerStepsThanStatic() {
    List<Sampler.Request> requests = groups(8);
    int[] steps = new int[2];
    for (Batching.Policy policy : Batching.Policy.values()) {
      Sampler.Observer count = new Sampler.Observer() {
        @Override
        public void decoded(int step, int activeRows, long nanos) {
          steps[policy.ordinal()] = step;
        }
      };
      new Sampler(llama, SamplerTest.DECODE, count).generate(manager, requests, P, new Batching(4, policy));
    }
    assertTrue(steps[Batching.Policy.CONTINUOUS.ordinal()] < steps[Batching.Policy.STATIC.ordinal()],
        "continuous " + steps[1] + " steps, static " + steps[0]);
  }

  @Test
  void requestsJoiningARunningSessionWithTheirOwnBudgetsGetTheirOwnTokens() {
    // The session starts with one request (one row, a cache sized for it); every third step another arrives with a
    // different answer budget and often a longer prompt, so rows are added back after shrinking and the cache grows.
    List<Sampler.Request> requests = groups(6);
    Map<Integer, Generation> got = new HashMap<>();
    int[] budgets = new int[requests.size()];
    try (BatchSession session = new Sampler(llama, SamplerTest.DECODE).open(manager, P, Batching.continuous(4))) {
      int added = 0;
      for (int step = 0; added < requests.size() || !session.idle(); step++) {
        if (step % 3 == 0 && added < requests.size()) {
          int at = added++;
          budgets[at] = 5 + 3 * (at % 7);
          session.add(requests.get(at), budgets[at], g -> got.put(at, g));
        }
        session.step();
      }
    }
    for (int i = 0; i < requests.size(); i++) {
      SamplingParams own = P.withMaxNewTokens(budgets[i]);
      assertSame(List.of(each(llama, List.of(requests.get(i)), own).get(0)), List.of(got.get(i)), "request " + i);
    }
  }
}
