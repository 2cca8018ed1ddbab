package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Batching;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.model.Models;
import ai.raif.udfs.rollout.RolloutGenerator;
import ai.raif.udfs.rollout.RolloutPlan;
import ai.raif.udfs.rollout.RolloutResult;
import ai.raif.udfs.rollout.RolloutRows;
import ai.raif.udfs.rollout.RolloutSettings;
import ai.raif.udfs.rollout.RolloutTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rollout throughput on one iteration's real workload (its prompts, G, temperature, max_new_tokens): generated
 * directly in this JVM with each batching policy, one thread per rollout task as the stage runs them, the same seeds
 * and slots; optionally also through the full Spark stage (prompt selection, anti-join, shuffle, executor model cache,
 * Delta MERGE) with the configured policy, to show what Spark costs.
 */
public final class RolloutBenchmark {
  /** Rollouts, generated tokens and wall seconds of one way of generating them. */
  public record Result(String engine, long rollouts, long tokens, double seconds) {
    public double rolloutsPerSecond() {
      return rollouts / seconds;
    }

    /** Useful tokens: only those of the answers, never a finished row's padding. */
    public double tokensPerSecond() {
      return tokens / seconds;
    }
  }

  private RolloutBenchmark() {}

  public static List<Result> run(RaifConfig base, List<String> overrides, List<Batching.Policy> policies,
                                 boolean viaSpark) throws Exception {
    Path tables = Files.createTempDirectory("raif-bench-rollout");
    List<String> sets = new ArrayList<>(overrides);
    sets.add("tables.root=" + tables);
    sets.add("run.id=bench");
    RaifConfig config = ConfigLoader.with(base, sets);
    SparkSession spark = Pipeline.session(config);
    try {
      PipelineContext ctx = PipelineContext.of(spark, config, 0);
      PromptsStage.run(ctx);
      List<Row> prompts = ctx.selectedPrompts().select("prompt_id", "source", "messages").collectAsList();
      RolloutSettings s = RolloutStage.settings(ctx);
      int threads = config.rollout().partitions() > 0 ? config.rollout().partitions()
          : spark.sparkContext().defaultParallelism();
      List<Result> out = new ArrayList<>();
      try (LanguageModel lm = Models.load(s.model().path())) {
        for (Batching.Policy policy : policies) {
          out.add(direct(lm, s.withBatching(new Batching(s.batching().slots(), policy)), prompts, threads));
        }
      }
      if (viaSpark) {
        long start = System.nanoTime();
        PipelineMetrics m = RolloutStage.run(ctx);
        out.add(new Result("spark " + spark.sparkContext().master() + ", " + s.batching().policy().wireName()
            + " (model load included)", (long) m.get("rollouts"), (long) m.get("generated_tokens"),
            (System.nanoTime() - start) / 1e9));
      }
      return out;
    } finally {
      spark.stop();
    }
  }

  /** The rollouts split by prompt over {@code threads} threads that share one loaded model, as task slots do. */
  static Result direct(LanguageModel lm, RolloutSettings s, List<Row> prompts, int threads) throws Exception {
    List<List<RolloutTask>> shares = new ArrayList<>();
    for (int i = 0; i < threads; i++) shares.add(new ArrayList<>());
    List<Row> sorted = new ArrayList<>(prompts);
    sorted.sort(Comparator.comparing(r -> r.<String>getAs("prompt_id")));
    for (int i = 0; i < sorted.size(); i++) {
      Row p = sorted.get(i);
      List<ChatMessage> messages = RolloutRows.messagesOf(p.getList(p.fieldIndex("messages")));
      shares.get(i % threads).addAll(RolloutPlan.expand(s, p.getAs("prompt_id"), p.getAs("source"), messages));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<long[]>> parts = new ArrayList<>();
      for (List<RolloutTask> share : shares) {
        parts.add(pool.submit(() -> {
          long tokens = 0;
          for (RolloutResult r : new RolloutGenerator(lm, s).generateAll(share, () -> { })) {
            tokens += r.responseTokenIds().length;
          }
          return new long[] {share.size(), tokens};
        }));
      }
      long rollouts = 0;
      long tokens = 0;
      for (Future<long[]> f : parts) {
        rollouts += f.get()[0];
        tokens += f.get()[1];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result("direct, " + s.batching().policy().wireName() + ", " + threads + " thread(s) x "
          + s.batching().slots() + " slots", rollouts, tokens, seconds);
    } finally {
      pool.shutdown();
    }
  }
}
