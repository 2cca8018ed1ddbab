package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.model.AttentionMask;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.KvCache;
import ai.raif.trainer.model.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Batched generation with a KV cache: left-pad the prompts, prefill once, then decode one token per step for every
 * row until each has stopped. Each step runs in its own sub-manager so memory stays flat over long loops.
 */
public final class Sampler {
  private final CausalLM model;
  private final Function<int[], String> decoder;
  private final Observer observer;

  /** Hooks for benchmarks and progress: the prefill and each decode step, with their wall time. */
  public interface Observer {
    Observer NONE = new Observer() {};

    default void prefilled(int batch, int paddedPromptTokens, long nanos) {}

    default void decoded(int step, int activeRows, long nanos) {}
  }

  /** @param decoder token ids to text, used for stop strings and the returned text */
  public Sampler(CausalLM model, Function<int[], String> decoder) {
    this(model, decoder, Observer.NONE);
  }

  public Sampler(CausalLM model, Function<int[], String> decoder, Observer observer) {
    this.model = model;
    this.decoder = decoder;
    this.observer = observer;
  }

  /** One prompt (already tokenized, special tokens included) and the seed of its random stream. */
  public record Request(int[] promptIds, long seed) {}

  public List<Generation> generate(NDManager parent, List<Request> requests, SamplingParams p) {
    if (requests.isEmpty()) return List.of();
    ModelConfig c = model.config();
    int b = requests.size();
    int longest = 0;
    for (int i = 0; i < b; i++) {
      int n = requests.get(i).promptIds().length;
      if (n == 0) throw new IllegalArgumentException("prompt " + i + " is empty (no tokens)");
      if (n + p.maxNewTokens() > c.maxPositions()) {
        throw new IllegalArgumentException("prompt " + i + " has " + n + " tokens; with max_new_tokens "
            + p.maxNewTokens() + " it exceeds the model context of " + c.maxPositions() + " tokens");
      }
      longest = Math.max(longest, n);
    }
    int capacity = longest + p.maxNewTokens();
    boolean[][] valid = new boolean[b][capacity];
    long[] ids = new long[b * longest];
    long[] pos = new long[b * longest];
    long[] nextPos = new long[b];
    for (int i = 0; i < b; i++) {
      int[] prompt = requests.get(i).promptIds();
      int pad = longest - prompt.length;
      for (int t = 0; t < prompt.length; t++) {
        ids[i * longest + pad + t] = prompt[t];
        pos[i * longest + pad + t] = t;
        valid[i][pad + t] = true;
      }
      nextPos[i] = prompt.length;
    }
    SplittableRandom[] rngs = new SplittableRandom[b];
    for (int i = 0; i < b; i++) rngs[i] = new SplittableRandom(requests.get(i).seed());
    Sequence[] seqs = new Sequence[b];
    for (int i = 0; i < b; i++) seqs[i] = new Sequence(requests.get(i).promptIds().length, p.maxNewTokens());

    try (NDManager m = parent.newSubManager(); KvCache cache = new KvCache(m, c, b, capacity)) {
      TokenSampler.Choice choice;
      TopLogprobs[] tops;
      long t0 = System.nanoTime();
      try (NDManager step = m.newSubManager()) {
        NDArray logits = lastLogits(step, cache, valid, ids, pos, b, longest, c);
        choice = TokenSampler.choose(step, logits, p, uniforms(rngs, seqs));
        tops = topLogprobs(logits, p.topLogprobs());
      }
      observer.prefilled(b, longest, System.nanoTime() - t0);
      int active = b;
      int stepNo = 0;
      while (true) {
        long[] next = new long[b];
        long[] nextPositions = new long[b];
        for (int i = 0; i < b; i++) {
          Sequence s = seqs[i];
          if (s.finish == null) {
            if (tops != null) s.top[s.n] = tops[i];
            s.accept((int) choice.tokens()[i], choice.sampledLogprobs()[i], choice.modelLogprobs()[i], p, decoder);
            if (s.finish != null) active--;
          }
          // Finished rows keep flowing through the batch with a masked dummy token: cheaper than reshaping the cache.
          next[i] = s.finish == null ? choice.tokens()[i] : 0;
          valid[i][cache.length()] = s.finish == null;
          nextPositions[i] = nextPos[i]++;
        }
        if (active == 0) break;
        long s0 = System.nanoTime();
        try (NDManager step = m.newSubManager()) {
          NDArray logits = lastLogits(step, cache, valid, next, nextPositions, b, 1, c);
          choice = TokenSampler.choose(step, logits, p, uniforms(rngs, seqs));
          tops = topLogprobs(logits, p.topLogprobs());
        }
        observer.decoded(++stepNo, active, System.nanoTime() - s0);
      }
    }
    List<Generation> out = new ArrayList<>(b);
    for (Sequence s : seqs) out.add(s.toGeneration(decoder));
    return out;
  }

  private NDArray lastLogits(NDManager m, KvCache cache, boolean[][] valid, long[] ids, long[] pos, int b, int t,
                             ModelConfig c) {
    NDArray idArr = m.create(ids, new Shape(b, t));
    NDArray posArr = m.create(pos, new Shape(b, t));
    NDArray mask = AttentionMask.build(m, valid, cache.length(), t, c.slidingWindow());
    NDArray hidden = model.hidden(m, idArr, posArr, mask, cache);
    return model.logits(hidden.get(":, -1, :"));
  }

  /** The {@code k} most likely tokens of each row under the raw model; null when {@code k == 0}. */
  private static TopLogprobs[] topLogprobs(NDArray logits, int k) {
    if (k == 0) return null;
    int b = (int) logits.getShape().get(0);
    int n = (int) Math.min(k, logits.getShape().get(1));
    NDList top = logits.logSoftmax(-1).topK(n, -1, true, true);
    float[] lp = top.get(0).toFloatArray();
    long[] ids = top.get(1).toLongArray();
    TopLogprobs[] out = new TopLogprobs[b];
    for (int i = 0; i < b; i++) {
      int[] rowIds = new int[n];
      for (int j = 0; j < n; j++) rowIds[j] = (int) ids[i * n + j];
      out[i] = new TopLogprobs(rowIds, Arrays.copyOfRange(lp, i * n, (i + 1) * n));
    }
    return out;
  }

  /** Every row draws from its own stream at every step, finished or not, so streams never depend on the batch. */
  private static double[] uniforms(SplittableRandom[] rngs, Sequence[] seqs) {
    double[] u = new double[rngs.length];
    for (int i = 0; i < u.length; i++) u[i] = seqs[i].finish == null ? rngs[i].nextDouble() : 0.5;
    return u;
  }

  /** The growing state of one row. */
  private static final class Sequence {
    final int promptTokens;
    final int[] tokens;
    final float[] sampled;
    final float[] model;
    final TopLogprobs[] top;
    int n;
    FinishReason finish;
    String text;

    Sequence(int promptTokens, int max) {
      this.promptTokens = promptTokens;
      tokens = new int[max];
      sampled = new float[max];
      model = new float[max];
      top = new TopLogprobs[max];
    }

    void accept(int token, float sampledLp, float modelLp, SamplingParams p, Function<int[], String> decoder) {
      tokens[n] = token;
      sampled[n] = sampledLp;
      model[n] = modelLp;
      n++;
      if (p.stopTokenIds().contains(token)) {
        finish = FinishReason.STOP;
        text = decoder.apply(Arrays.copyOf(tokens, n - 1));
        return;
      }
      if (!p.stopStrings().isEmpty()) {
        String sofar = decoder.apply(Arrays.copyOf(tokens, n));
        int cut = firstStop(sofar, p.stopStrings());
        if (cut >= 0) {
          finish = FinishReason.STOP;
          text = sofar.substring(0, cut);
          return;
        }
      }
      if (n == tokens.length) finish = FinishReason.LENGTH;
    }

    Generation toGeneration(Function<int[], String> decoder) {
      int[] ids = Arrays.copyOf(tokens, n);
      String t = text != null ? text : decoder.apply(ids);
      List<TopLogprobs> tops = top[0] == null ? List.of() : Arrays.asList(Arrays.copyOf(top, n));
      return new Generation(t, ids, finish, Arrays.copyOf(sampled, n), Arrays.copyOf(model, n), promptTokens, tops);
    }
  }

  static int firstStop(String text, List<String> stops) {
    int best = -1;
    for (String s : stops) {
      int at = text.indexOf(s);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }
}
