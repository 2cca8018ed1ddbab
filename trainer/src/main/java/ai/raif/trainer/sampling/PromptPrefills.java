package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt KV and first-token logits, computed once per distinct prompt and kept while a waiting request still needs
 * them, so the G samples of a prompt group share one prefill even when they enter the batch at different steps.
 */
final class PromptPrefills implements AutoCloseable {
  private final CausalLM model;
  private final NDManager manager;
  private final Sampler.Observer observer;
  private final Map<Key, Integer> waiting = new HashMap<>();
  private final Map<Key, Entry> ready = new HashMap<>();

  PromptPrefills(CausalLM model, NDManager parent, Sampler.Observer observer) {
    this.model = model;
    this.manager = parent.newSubManager();
    this.observer = observer;
  }

  /** One prefill call: the KV of its distinct prompts (left-padded), their last logits, and how many are in use. */
  private final class Batch {
    final NDManager manager = PromptPrefills.this.manager.newSubManager();
    final KvCache cache;
    final NDArray logits;
    int inUse;

    Batch(List<int[]> prompts) {
      int longest = 0;
      for (int[] ids : prompts) longest = Math.max(longest, ids.length);
      int b = prompts.size();
      boolean[][] valid = new boolean[b][longest];
      long[] ids = new long[b * longest];
      long[] pos = new long[b * longest];
      for (int i = 0; i < b; i++) {
        int[] prompt = prompts.get(i);
        int pad = longest - prompt.length;
        for (int t = 0; t < prompt.length; t++) {
          ids[i * longest + pad + t] = prompt[t];
          pos[i * longest + pad + t] = t;
          valid[i][pad + t] = true;
        }
      }
      cache = new KvCache(manager, model.config(), b, longest);
      long t0 = System.nanoTime();
      try (NDManager step = manager.newSubManager()) {
        NDArray out = BatchSession.lastLogits(model, step, cache, valid, ids, pos, b, longest);
        out.attach(manager);
        logits = out;
      }
      observer.prefilled(b, longest, System.nanoTime() - t0);
      inUse = b;
    }
  }

  /** Where one prompt's KV lies: row {@code row} of a prefill batch, right-aligned to the batch's length. */
  record Entry(Batch batch, int row) {
    KvCache cache() { return batch.cache; }

    /** The slot of the prompt's first token in {@link #cache()}. */
    int from(int promptTokens) { return batch.cache.length() - promptTokens; }

    /** The logits that follow the prompt, {@code [vocab]}, in {@code into}. */
    NDArray logits(NDManager into) { return batch.logits.get(into, new NDIndex(row)); }
  }

  private record Key(int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(ids, k.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }
  }

  /** A request with this prompt is waiting: keep its prompt's prefill until it has entered the batch. */
  void expect(int[] prompt) {
    waiting.merge(new Key(prompt), 1, Integer::sum);
  }

  /** The prefill of each prompt, computing the missing ones together in one forward pass. */
  List<Entry> take(List<int[]> prompts) {
    Map<Key, Integer> missing = new LinkedHashMap<>();
    for (int[] p : prompts) {
      Key key = new Key(p);
      if (!ready.containsKey(key)) missing.putIfAbsent(key, missing.size());
    }
    if (!missing.isEmpty()) {
      List<int[]> distinct = new ArrayList<>();
      for (Key key : missing.keySet()) distinct.add(key.ids());
      Batch batch = new Batch(distinct);
      missing.forEach((key, row) -> ready.put(key, new Entry(batch, row)));
    }
    List<Entry> out = new ArrayList<>(prompts.size());
    for (int[] p : prompts) out.add(ready.get(new Key(p)));
    return out;
  }

  /** Requests with these prompts left the queue (entered the batch, or were cancelled); a prompt no waiting request
   *  needs is forgotten. */
  void left(List<int[]> prompts) {
    for (int[] p : prompts) {
      Key key = new Key(p);
      if (waiting.merge(key, -1, Integer::sum) > 0) continue;
      waiting.remove(key);
      Entry e = ready.remove(key);
      if (e != null && --e.batch().inUse == 0) e.batch().manager.close();
    }
  }

  @Override
  public void close() {
    ready.clear();
    manager.close();
  }
}
