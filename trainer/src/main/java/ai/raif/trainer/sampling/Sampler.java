package ai.raif.trainer.sampling;

import ai.djl.ndarray.NDManager;
import ai.raif.trainer.model.CausalLM;
import ai.raif.trainer.model.ModelConfig;
import java.util.List;
import java.util.function.Function;

/**
 * Batched generation with a KV cache. The batch has a fixed number of rows ("slots"); each waiting request is
 * prefilled, copied into a free row, and decoded one token per step together with the other live rows. With
 * {@link Batching.Policy#CONTINUOUS} a row takes the next request as soon as its sequence ends; with
 * {@link Batching.Policy#STATIC} the next requests wait until every row is free. The loop itself is a
 * {@link BatchSession}, which a server keeps open to add requests as they arrive.
 */
public final class Sampler {
  private final CausalLM model;
  private final Function<int[], String> decoder;
  private final Observer observer;

  /** Hooks for benchmarks and progress: each prefill and each decode step, with their wall time. */
  public interface Observer {
    Observer NONE = new Observer() {};

    /** {@code batch} distinct prompts prefilled together, left-padded to {@code paddedPromptTokens}. */
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

  /** Generates every request in one batch (as many rows as requests). */
  public List<Generation> generate(NDManager parent, List<Request> requests, SamplingParams p) {
    return generate(parent, requests, p, Batching.continuous(Math.max(1, requests.size())));
  }

  /** Generates every request, at most {@code batching.slots()} at a time; results in request order. */
  public List<Generation> generate(NDManager parent, List<Request> requests, SamplingParams p, Batching batching) {
    for (int i = 0; i < requests.size(); i++) checkPrompt(model.config(), requests.get(i).promptIds(), p, "prompt " + i);
    Generation[] out = new Generation[requests.size()];
    try (BatchSession session = open(parent, p, batching)) {
      for (int i = 0; i < requests.size(); i++) {
        int at = i;
        session.add(requests.get(i), g -> out[at] = g);
      }
      while (!session.idle()) session.step();
    }
    return List.of(out);
  }

  /** An empty running batch for requests that share these sampling parameters; the caller drives and closes it. */
  public BatchSession open(NDManager parent, SamplingParams p, Batching batching) {
    return new BatchSession(model, decoder, observer, parent, p, batching);
  }

  static void checkPrompt(ModelConfig c, int[] ids, SamplingParams p, String name) {
    if (ids.length == 0) throw new IllegalArgumentException(name + " is empty (no tokens)");
    if (ids.length + p.maxNewTokens() > c.maxPositions()) {
      throw new IllegalArgumentException(name + " has " + ids.length + " tokens; with max_new_tokens "
          + p.maxNewTokens() + " it exceeds the model context of " + c.maxPositions() + " tokens");
    }
  }
}
