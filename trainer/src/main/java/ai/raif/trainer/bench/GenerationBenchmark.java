package ai.raif.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.ModelConfig;
import ai.raif.trainer.sampling.BatchSession;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Measures generation speed the way users run it: the real {@link Sampler} loop on synthetic prompts, greedy, with no
 * stop tokens so every row decodes exactly {@code steps} tokens. Also measures the machine's fp32 GEMM rate, which
 * bounds decode speed: tokens/s ≤ GEMM FLOP/s ÷ FLOPs per token.
 */
public final class GenerationBenchmark {
  /** Throughput of one batch size; a warm-up run precedes the measured one. */
  public record Result(int batch, int promptTokens, int steps, double prefillTokensPerSec, double decodeTokensPerSec,
                       double decodeMsPerStep) {}

  private GenerationBenchmark() {}

  public static Result run(LanguageModel lm, int batch, int promptTokens, int steps) {
    runOnce(lm, batch, promptTokens, Math.min(steps, 4));
    return runOnce(lm, batch, promptTokens, steps);
  }

  private static Result runOnce(LanguageModel lm, int batch, int promptTokens, int steps) {
    long[] prefill = new long[1];
    long[] decode = new long[1];
    Sampler.Observer timer = new Sampler.Observer() {
      @Override public void prefilled(int b, int tokens, long nanos) { prefill[0] = nanos; }

      @Override public void decoded(int step, int active, long nanos) { decode[0] += nanos; }
    };
    new Sampler(lm.causalLM(), ids -> "", timer).generate(lm.manager(), prompts(lm.config(), batch, promptTokens),
        SamplingParams.greedy(steps + 1));
    return new Result(batch, promptTokens, steps, batch * (double) promptTokens / (prefill[0] / 1e9),
        batch * (double) steps / (decode[0] / 1e9), decode[0] / 1e6 / steps);
  }

  /** Random token ids with a fixed seed: speed does not depend on the text. */
  static List<Sampler.Request> prompts(ModelConfig c, int batch, int tokens) {
    SplittableRandom r = new SplittableRandom(42);
    List<Sampler.Request> out = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] ids = new int[tokens];
      for (int t = 0; t < tokens; t++) ids[t] = 100 + r.nextInt(c.vocabSize() - 100);
      out.add(new Sampler.Request(ids, i));
    }
    return out;
  }

  /** fp32 GEMM rate in GFLOP/s: the best of several n×n×n matmuls. */
  public static double gemmGflops(NDManager parent, int n, int repeats) {
    try (NDManager m = parent.newSubManager()) {
      NDArray a = m.randomNormal(new Shape(n, n));
      NDArray b = m.randomNormal(new Shape(n, n));
      a.matMul(b).close();
      long best = Long.MAX_VALUE;
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        a.matMul(b).close();
        best = Math.min(best, System.nanoTime() - t0);
      }
      return 2.0 * n * n * n / best;
    }
  }

  /** Multiply-adds ×2 per generated token at context length {@code ctx}: every linear layer, the head, attention. */
  public static double flopsPerToken(ModelConfig c, int ctx) {
    double perLayer = (double) c.hiddenSize() * (c.queryDim() + 2 * c.kvDim()) + (double) c.queryDim() * c.hiddenSize()
        + 3.0 * c.hiddenSize() * c.intermediateSize() + 2.0 * c.queryDim() * ctx;
    return 2 * (c.numLayers() * perLayer + (double) c.vocabSize() * c.hiddenSize());
  }

  /**
   * Runs {@code steps} decode steps of one continuous batch of {@code batch} rows that requests keep joining (varied
   * prompt lengths, at most 24 new tokens, temperature 1) and leaving, and reports the resident set size every
   * {@code every} steps: it must stay flat when no NDArray leaks.
   */
  public static void rssOverLongLoop(LanguageModel lm, int batch, int steps, int every, LongConsumer rssAtStep) {
    int[] done = new int[1];
    Sampler.Observer probe = new Sampler.Observer() {
      @Override public void decoded(int step, int active, long nanos) {
        done[0] = step;
        if (step % every == 0) rssAtStep.accept(ProcessMemory.rssBytes());
      }
    };
    SplittableRandom r = new SplittableRandom(7);
    SamplingParams p = new SamplingParams(1.0, 1.0, 0, 24, null, null);
    try (BatchSession session = new Sampler(lm.causalLM(), ids -> "", probe).open(lm.manager(), p,
        Batching.continuous(batch))) {
      for (long seed = 0; done[0] < steps; ) {
        while (session.pending() < 2 * batch) {
          int[] ids = prompts(lm.config(), 1, 8 + r.nextInt(40)).get(0).promptIds();
          session.add(new Sampler.Request(ids, seed++), g -> { });
        }
        session.step();
      }
    }
  }
}
