package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.raif.trainer.model.AttentionMask;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.KvCache;
import java.nio.IntBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A running batch: a KV cache of up to {@code slots} rows, the requests waiting for a row, and one live sequence per
 * busy row. {@link #add} queues a request at any time (a server adds them as they arrive); each {@link #step} lets
 * waiting requests into free rows and decodes one token for every live row.
 *
 * <p>A request's tokens depend only on its prompt, seed and the sampling parameters: it attends only to its own cache
 * slots, draws from its own random stream, and its prompt KV is the same wherever it is computed. Rows share the slot
 * index (every live sequence ends at the cache's current length), so one slice serves the whole batch. Each step runs
 * in its own sub-manager so memory stays flat over long loops. Not thread-safe: one thread drives a session.
 */
public final class BatchSession implements AutoCloseable {
  /** Cache slots beyond the longest prompt + answer, so that compaction (a copy of the whole cache) is rare. */
  static final int COMPACTION_SLACK = 64;

  /** What a caller hears about one request: each token as it is drawn (for streaming), then the whole generation. */
  public interface Listener {
    /** Called after every drawn token that does not end the sequence, with all tokens so far. */
    default void token(int[] tokenIdsSoFar) {}

    void finished(Generation generation);

    /** True once nobody wants the rest (a client that went away): the request leaves at the next step, unheard. */
    default boolean cancelled() {
      return false;
    }
  }

  private final CausalLM model;
  private final Function<int[], String> decoder;
  private final Sampler.Observer observer;
  private final SamplingParams p;
  private final Batching batching;
  private final NDManager m;
  private final PromptPrefills prefills;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private KvCache cache;
  private Live[] rows = new Live[0];
  private int longestSpan;
  private int stepNo;

  private record Waiting(Sampler.Request request, int maxNewTokens, Listener listener) {}

  /** A row's live sequence: its request, its output so far, its random stream and its first cache slot. */
  private static final class Live {
    final Waiting job;
    final Sequence seq;
    final SplittableRandom rng;
    int start;

    Live(Waiting job, int start) {
      this.job = job;
      this.seq = new Sequence(job.request().promptIds().length, job.maxNewTokens());
      this.rng = new SplittableRandom(job.request().seed());
      this.start = start;
    }

    /** The last drawn token, fed at the next step. */
    int lastToken() { return seq.tokens[seq.n - 1]; }

    /** Its position: right after the prompt and the tokens before it. */
    int lastPosition() { return seq.promptTokens + seq.n - 1; }
  }

  BatchSession(CausalLM model, Function<int[], String> decoder, Sampler.Observer observer, NDManager parent,
               SamplingParams p, Batching batching) {
    this.model = model;
    this.decoder = decoder;
    this.observer = observer;
    this.p = p;
    this.batching = batching;
    this.m = parent.newSubManager();
    this.prefills = new PromptPrefills(model, m, observer);
  }

  public SamplingParams params() { return p; }

  /** Queues a request; {@code listener} hears its tokens and its end. Bad prompts are refused here, with the reason. */
  public void add(Sampler.Request request, Listener listener) {
    add(request, p.maxNewTokens(), listener);
  }

  /** Queues a request with its own answer budget; otherwise as {@link #add(Sampler.Request, Listener)}. */
  public void add(Sampler.Request request, int maxNewTokens, Listener listener) {
    Sampler.checkPrompt(model.config(), request.promptIds(), p.withMaxNewTokens(maxNewTokens), "the prompt");
    waiting.add(new Waiting(request, maxNewTokens, listener));
    prefills.expect(request.promptIds());
    longestSpan = Math.max(longestSpan, request.promptIds().length + maxNewTokens);
  }

  /** True when nothing waits and no row is live. */
  public boolean idle() {
    return waiting.isEmpty() && live() == 0;
  }

  /** Requests queued or decoding. */
  public int pending() {
    return waiting.size() + live();
  }

  /** Lets waiting requests into free rows (as the policy allows), then decodes one token for every live row. */
  public void step() {
    dropCancelled();
    admit();
    if (live() == 0) return;
    if (batching.policy() == Batching.Policy.CONTINUOUS) shrinkToLive();
    decode();
  }

  /** Frees the rows of cancelled requests and takes cancelled ones out of the queue. */
  private void dropCancelled() {
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] != null && rows[r].job.listener().cancelled()) rows[r] = null;
    }
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (w.listener().cancelled()) {
        it.remove();
        prefills.left(List.of(w.request().promptIds()));
      }
    }
  }

  private int live() {
    int n = 0;
    for (Live l : rows) if (l != null) n++;
    return n;
  }

  /** Fills free rows with waiting requests: their prompt KV goes at the end of the row, their first token is drawn. */
  private void admit() {
    if (waiting.isEmpty()) return;
    ensureRows();
    List<Integer> free = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) if (rows[r] == null) free.add(r);
    if (free.isEmpty() || batching.policy() == Batching.Policy.STATIC && free.size() < rows.length) return;
    List<Waiting> joining = new ArrayList<>();
    while (joining.size() < free.size() && !waiting.isEmpty() && withinPrefillBudget(joining, waiting.peek())) {
      joining.add(waiting.poll());
    }
    List<int[]> prompts = new ArrayList<>();
    for (Waiting w : joining) prompts.add(w.request().promptIds());
    int need = prompts.stream().mapToInt(ids -> ids.length).max().orElse(0);
    makeRoom(need);
    int length = cache.length();
    List<PromptPrefills.Entry> entries = prefills.take(prompts);
    double[] u = new double[joining.size()];
    List<Integer> joined = free.subList(0, joining.size());
    for (int j = 0; j < joining.size(); j++) {
      int n = prompts.get(j).length;
      PromptPrefills.Entry e = entries.get(j);
      cache.copyRow(joined.get(j), length - n, e.cache(), e.row(), e.from(n), n);
      Live l = new Live(joining.get(j), length - n);
      rows[joined.get(j)] = l;
      u[j] = l.rng.nextDouble();
    }
    try (NDManager step = m.newSubManager()) {
      NDList first = new NDList();
      for (PromptPrefills.Entry e : entries) first.add(e.logits(step));
      NDArray logits = NDArrays.stack(first);
      accept(joined, TokenSampler.choose(step, logits, p, u), topLogprobs(logits, p.topLogprobs()));
    }
    prefills.left(prompts);
  }

  /** Whether {@code next} may join this step's prefill: distinct prompts × the longest stay within the budget. */
  private boolean withinPrefillBudget(List<Waiting> joining, Waiting next) {
    int budget = batching.maxPrefillTokens();
    if (budget == 0 || joining.isEmpty() || batching.policy() == Batching.Policy.STATIC) return true;
    Set<IntBuffer> distinct = new HashSet<>();  // the samples of one prompt share its prefill
    int longest = next.request().promptIds().length;
    distinct.add(IntBuffer.wrap(next.request().promptIds()));
    for (Waiting w : joining) {
      distinct.add(IntBuffer.wrap(w.request().promptIds()));
      longest = Math.max(longest, w.request().promptIds().length);
    }
    return (long) distinct.size() * longest <= budget;
  }

  /** Sizes the batch for what waits: the first admission creates the cache; a shrunken batch grows back. */
  private void ensureRows() {
    int want = Math.min(batching.slots(), live() + waiting.size());
    if (cache == null) {
      boolean refills = batching.policy() == Batching.Policy.CONTINUOUS && waiting.size() > want;
      cache = new KvCache(m, model.config(), want, capacityFor(refills));
      rows = new Live[want];
    } else if (rows.length < want && batching.policy() == Batching.Policy.CONTINUOUS) {
      int[] keep = new int[rows.length];
      for (int r = 0; r < keep.length; r++) keep[r] = r;
      cache.keepRows(keep, want);
      rows = Arrays.copyOf(rows, want);
    }
  }

  /** Room for the longest prompt + answer queued so far (a live row never spans more), plus slack when rows refill. */
  private int capacityFor(boolean refills) {
    return longestSpan + (refills ? COMPACTION_SLACK : 0);
  }

  /**
   * Once nothing waits and at most half the rows are live, drops the free rows: a decode step then costs what the
   * remaining sequences need instead of the full batch.
   */
  private void shrinkToLive() {
    int live = live();
    if (!waiting.isEmpty() || live > rows.length / 2) return;
    int[] keep = new int[live];
    Live[] kept = new Live[live];
    for (int r = 0, i = 0; r < rows.length; r++) {
      if (rows[r] == null) continue;
      keep[i] = r;
      kept[i++] = rows[r];
    }
    cache.keepRows(keep, live);
    rows = kept;
  }

  /**
   * Makes the cache hold at least {@code need} slots and room for one more: when it is full (or too short), the slots
   * before every live row's first slot are dropped and, for a longer prompt than any before, the cache grows; when no
   * row is live, it starts over.
   */
  private void makeRoom(int need) {
    int length = cache.length();
    int first = length;
    for (Live l : rows) if (l != null) first = Math.min(first, l.start);
    if (first < length && length >= need && length < cache.capacity()) return;
    int target = Math.max(need, length - first);
    int capacity = Math.max(cache.capacity(), capacityFor(true));
    cache.retain(first, target, capacity);
    for (Live l : rows) if (l != null) l.start += target - length;
  }

  /** One token for every live row; free rows carry a masked dummy token. */
  private void decode() {
    if (cache.length() == cache.capacity()) makeRoom(0);
    int b = rows.length;
    int length = cache.length();
    long[] ids = new long[b];
    long[] positions = new long[b];
    boolean[][] valid = new boolean[b][length + 1];
    double[] u = new double[b];
    List<Integer> busy = new ArrayList<>();
    for (int r = 0; r < b; r++) {
      Live l = rows[r];
      u[r] = 0.5;
      if (l == null) continue;
      busy.add(r);
      ids[r] = l.lastToken();
      positions[r] = l.lastPosition();
      Arrays.fill(valid[r], l.start, length + 1, true);
      u[r] = l.rng.nextDouble();
    }
    long s0 = System.nanoTime();
    try (NDManager step = m.newSubManager()) {
      NDArray logits = lastLogits(model, step, cache, valid, ids, positions, b, 1);
      TokenSampler.Choice all = TokenSampler.choose(step, logits, p, u);
      TopLogprobs[] tops = topLogprobs(logits, p.topLogprobs());
      accept(busy, all.pick(busy), tops == null ? null : pick(tops, busy));
    }
    observer.decoded(++stepNo, busy.size(), System.nanoTime() - s0);
  }

  /** Appends choice i to the sequence of row {@code busy[i]}; a sequence that ends frees its row. */
  private void accept(List<Integer> busy, TokenSampler.Choice choice, TopLogprobs[] tops) {
    for (int i = 0; i < busy.size(); i++) {
      Live l = rows[busy.get(i)];
      l.seq.accept((int) choice.tokens()[i], choice.sampledLogprobs()[i], choice.modelLogprobs()[i],
          tops == null ? null : tops[i], p, decoder);
      if (l.seq.finish == null) {
        l.job.listener().token(l.seq.tokenIds());
      } else {
        rows[busy.get(i)] = null;
        l.job.listener().finished(l.seq.toGeneration(decoder));
      }
    }
  }

  static NDArray lastLogits(CausalLM model, NDManager m, KvCache cache, boolean[][] valid, long[] ids, long[] pos,
                            int b, int t) {
    NDArray idArr = m.create(ids, new Shape(b, t));
    NDArray posArr = m.create(pos, new Shape(b, t));
    NDArray mask = AttentionMask.build(m, valid, cache.length(), t, model.config().slidingWindow());
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

  private static TopLogprobs[] pick(TopLogprobs[] tops, List<Integer> rows) {
    TopLogprobs[] out = new TopLogprobs[rows.size()];
    for (int i = 0; i < out.length; i++) out[i] = tops[rows.get(i)];
    return out;
  }

  @Override
  public void close() {
    prefills.close();
    if (cache != null) cache.close();
    m.close();
  }
}
