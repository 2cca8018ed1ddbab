package ai.raif.jobs.serve;

import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.BatchSession;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.sampling.Generation;
import ai.raif.trainer.sampling.Sampler;
import ai.raif.trainer.sampling.SamplingParams;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs generation on one thread as a continuous batch: a request joins the running {@link BatchSession} when it
 * arrives and takes a row as soon as one is free, so nobody waits for a whole batch to end. Requests are taken in
 * arrival order; one with other sampling settings than the running batch (max_tokens aside, which is per request)
 * waits until that batch drains, then starts the next. Batching does not change results: each prompt draws from its
 * own seeded stream.
 */
final class GenerationQueue implements AutoCloseable {
  /** One prompt to generate; {@code onTokens} hears all tokens so far after each step (for streaming). */
  record Job(int[] promptIds, long seed, SamplingParams params, Consumer<int[]> onTokens,
             CompletableFuture<Generation> result) {}

  /** The queue holds {@code maxQueued} requests already: the caller should answer 503, not wait. */
  static final class Full extends RuntimeException {
    Full(int maxQueued) {
      super("the server is busy: " + maxQueued + " requests wait for a row already (raif serve --max-queued); "
          + "retry later");
    }
  }

  private final LanguageModel lm;
  private final Batching batching;
  private final int maxQueued;
  /** Requests submitted and not yet done (finished, failed or cancelled): those in rows and those waiting. */
  private final AtomicInteger outstanding = new AtomicInteger();
  private final ArrayDeque<Job> pending = new ArrayDeque<>();
  private final Thread dispatcher;
  private final Consumer<Throwable> onDeath;
  private boolean closed;
  private volatile Throwable died;

  /**
   * @param maxQueued requests that may wait for a row at once besides the {@code maxBatch} in rows; one more is
   *     refused ({@link Full}), so a burst costs memory and waiting time in proportion to this bound, not to the burst
   */
  GenerationQueue(LanguageModel lm, int maxBatch, int maxQueued) {
    this(lm, Batching.continuous(maxBatch), maxQueued, e -> { });
  }

  /**
   * @param batching continuous, with {@code maxBatch} slots and its prefill bound
   * @param onDeath told once if the generation thread dies (an Error out of a batch): nothing will be served
   */
  GenerationQueue(LanguageModel lm, Batching batching, int maxQueued, Consumer<Throwable> onDeath) {
    if (maxQueued < 1) throw new IllegalArgumentException("max queued must be >= 1, got " + maxQueued);
    this.lm = lm;
    this.batching = batching;
    this.maxQueued = maxQueued;
    this.onDeath = onDeath;
    this.dispatcher = new Thread(this::run, "raif-serve-generate");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  CompletableFuture<Generation> submit(int[] promptIds, long seed, SamplingParams params) {
    return submit(promptIds, seed, params, ids -> { });
  }

  /**
   * Queues one prompt. Cancelling the returned future (a client that went away, a deadline that passed) takes the
   * prompt out of the queue, or frees its row at the next step.
   *
   * @throws Full when {@code maxQueued} requests wait already
   */
  CompletableFuture<Generation> submit(int[] promptIds, long seed, SamplingParams params, Consumer<int[]> onTokens) {
    Job job = new Job(promptIds, seed, params, onTokens, new CompletableFuture<>());
    synchronized (pending) {
      if (died != null) throw new Unavailable(died);
      if (closed) throw new IllegalStateException("the server is shutting down");
      if (outstanding.get() >= batching.slots() + maxQueued) throw new Full(maxQueued);
      outstanding.incrementAndGet();
      job.result().whenComplete((g, e) -> outstanding.decrementAndGet());
      pending.add(job);
      pending.notifyAll();
    }
    return job.result();
  }

  /** Requests in rows or waiting for one. */
  int outstanding() {
    return outstanding.get();
  }

  /** Why the generation thread died, or null while it serves. */
  Throwable died() {
    return died;
  }

  private void run() {
    try {
      serve();
    } catch (Throwable e) {  // an Error out of a batch (out of memory, the engine failing): nothing will be served
      died = e;
      synchronized (pending) {
        closed = true;
        for (Job j : pending) j.result().completeExceptionally(new Unavailable(e));
        pending.clear();
      }
      onDeath.accept(e);
    }
  }

  private void serve() {
    while (true) {
      SamplingParams params;
      synchronized (pending) {
        while (pending.isEmpty() && !closed) {
          try {
            pending.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) return;
        params = pending.peek().params();
      }
      runBatch(params);
    }
  }

  /** One running batch: jobs with {@code params} (any max_tokens) join it until it drains. */
  private void runBatch(SamplingParams params) {
    Set<Job> inBatch = new HashSet<>();
    SamplingParams shared = sharedPart(params);
    try (BatchSession session = lm.open(params, batching, Sampler.Observer.NONE)) {
      while (true) {
        synchronized (pending) {
          while (!closed && !pending.isEmpty() && sharedPart(pending.peek().params()).equals(shared)) {
            join(session, inBatch);
          }
          if (closed) {
            fail(inBatch, new IllegalStateException("the server is shutting down"));
            return;
          }
        }
        inBatch.removeIf(j -> j.result().isDone());
        if (session.idle()) return;
        session.step();
      }
    } catch (RuntimeException e) {
      fail(inBatch, e);  // this batch's requests fail; the next batch starts afresh
    } catch (Error e) {
      fail(inBatch, new Unavailable(e));
      throw e;
    }
  }

  /** What requests of one batch must share: everything but the answer budget. */
  private static SamplingParams sharedPart(SamplingParams p) {
    return p.withMaxNewTokens(1);
  }

  private void join(BatchSession session, Set<Job> inBatch) {
    Job job = pending.poll();
    if (job.result().isDone()) return;  // cancelled while it waited
    try {
      session.add(new Sampler.Request(job.promptIds(), job.seed()), job.params().maxNewTokens(), listener(job, inBatch));
      inBatch.add(job);
    } catch (IllegalArgumentException e) {
      job.result().completeExceptionally(e);  // a bad prompt fails alone
    }
  }

  private static BatchSession.Listener listener(Job job, Set<Job> inBatch) {
    return new BatchSession.Listener() {
      @Override
      public void token(int[] tokenIdsSoFar) {
        job.onTokens().accept(tokenIdsSoFar);
      }

      @Override
      public void finished(Generation generation) {
        inBatch.remove(job);
        job.result().complete(generation);
      }

      @Override
      public boolean cancelled() {
        return job.result().isDone();
      }
    };
  }

  private static void fail(Set<Job> jobs, Throwable e) {
    for (Job j : jobs) j.result().completeExceptionally(e);
    jobs.clear();
  }

  /** The generation thread died: the server can answer nothing but 503 until it is restarted. */
  static final class Unavailable extends IllegalStateException {
    Unavailable(Throwable cause) {
      super("the generation thread died (" + cause + "); the server must be restarted", cause);
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
