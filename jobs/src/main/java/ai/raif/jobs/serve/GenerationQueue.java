package ai.raif.jobs.serve;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Serializes generation onto one thread and batches what arrives together: prompts waiting with the same sampling
 * settings go into one {@link LanguageModel#generate} call. On a CPU a batch of 8 decodes about four times as many
 * tokens per second as 8 single calls competing for the same cores (stack-notes §0). Batching does not change results:
 * each prompt draws from its own seeded stream.
 */
final class GenerationQueue implements AutoCloseable {
  record Job(int[] promptIds, long seed, SamplingParams params, CompletableFuture<Generation> result) {}

  private final LanguageModel lm;
  private final int maxBatch;
  private final ArrayDeque<Job> pending = new ArrayDeque<>();
  private final Thread dispatcher;
  private boolean closed;

  GenerationQueue(LanguageModel lm, int maxBatch) {
    if (maxBatch < 1) throw new IllegalArgumentException("max batch must be >= 1, got " + maxBatch);
    this.lm = lm;
    this.maxBatch = maxBatch;
    this.dispatcher = new Thread(this::run, "raif-serve-generate");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  CompletableFuture<Generation> submit(int[] promptIds, long seed, SamplingParams params) {
    Job job = new Job(promptIds, seed, params, new CompletableFuture<>());
    synchronized (pending) {
      if (closed) throw new IllegalStateException("the server is shutting down");
      pending.add(job);
      pending.notifyAll();
    }
    return job.result();
  }

  private void run() {
    while (true) {
      List<Job> batch = new ArrayList<>();
      synchronized (pending) {
        while (pending.isEmpty() && !closed) {
          try {
            pending.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) return;
        Job first = pending.poll();
        batch.add(first);
        for (Iterator<Job> it = pending.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
          Job j = it.next();
          if (j.params().equals(first.params())) {
            batch.add(j);
            it.remove();
          }
        }
      }
      execute(batch);
    }
  }

  private void execute(List<Job> batch) {
    try {
      List<Sampler.Request> requests = new ArrayList<>(batch.size());
      for (Job j : batch) requests.add(new Sampler.Request(j.promptIds(), j.seed()));
      List<Generation> out = lm.generate(requests, batch.get(0).params());
      for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(out.get(i));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).result().completeExceptionally(e);
      } else {
        // One bad prompt must not fail its neighbours: run each alone so the error lands where it belongs.
        for (Job j : batch) execute(List.of(j));
      }
    } catch (Error e) {
      for (Job j : batch) j.result().completeExceptionally(e);
      throw e;
    }
  }

  @Override
  public void close() {
    synchronized (pending) {
      closed = true;
      for (Job j : pending) j.result().completeExceptionally(new IllegalStateException("the server is shutting down"));
      pending.clear();
      pending.notifyAll();
    }
  }
}
