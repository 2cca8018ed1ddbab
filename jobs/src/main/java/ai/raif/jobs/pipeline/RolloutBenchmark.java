package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.text.ChatMessage;
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
 * What Spark costs the rollout stage: one iteration's rollouts through the full stage (prompt selection, anti-join,
 * shuffle, executor model cache, Delta MERGE) on the configured local master, then the same rollouts generated
 * directly in this JVM, with one thread per Spark task slot, the same batches and the same seeds.
 */
public final class RolloutBenchmark {
  /** Rollouts, generated tokens and wall seconds of one way of generating them. */
  public record Result(String engine, long rollouts, long tokens, double seconds) {
    public double rolloutsPerSecond() {
      return rollouts / seconds;
    }

    public double tokensPerSecond() {
      return tokens / seconds;
    }
  }

  private RolloutBenchmark() {}

  public static List<Result> run(RaifConfig base, List<String> overrides) throws Exception {
    Path tables = Files.createTempDirectory("raif-bench-rollout");
    List<String> sets = new ArrayList<>(overrides);
    sets.add("tables.root=" + tables);
    sets.add("run.id=bench");
    RaifConfig config = ConfigLoader.load(List.of(), sets);
    SparkSession spark = Pipeline.session(config);
    PipelineContext ctx = PipelineContext.of(spark, config, 0);
    PromptsStage.run(ctx);
    List<Row> prompts = ctx.selectedPrompts().select("prompt_id", "source", "messages").collectAsList();
    long start = System.nanoTime();
    PipelineMetrics m = RolloutStage.run(ctx);
    Result viaSpark = new Result("spark " + spark.sparkContext().master(), (long) m.get("rollouts"),
        (long) m.get("generated_tokens"), (System.nanoTime() - start) / 1e9);
    int slots = spark.sparkContext().defaultParallelism();
    Result direct = direct(RolloutStage.settings(ctx), prompts, slots);
    spark.stop();
    return List.of(viaSpark, direct);
  }

  /** The same rollouts, split by prompt over {@code threads} threads that share one model, as task slots do. */
  static Result direct(RolloutSettings s, List<Row> prompts, int threads) throws Exception {
    List<List<RolloutTask>> shares = new ArrayList<>();
    for (int i = 0; i < threads; i++) shares.add(new ArrayList<>());
    List<Row> sorted = new ArrayList<>(prompts);
    sorted.sort(Comparator.comparing(r -> r.<String>getAs("prompt_id")));
    for (int i = 0; i < sorted.size(); i++) {
      Row p = sorted.get(i);
      List<ChatMessage> messages = RolloutRows.messagesOf(p.getList(p.fieldIndex("messages")));
      shares.get(i % threads).addAll(RolloutPlan.expand(s, p.getAs("prompt_id"), p.getAs("source"), messages));
    }
    long start = System.nanoTime();  // the model load counts, as it does inside the Spark stage
    try (LanguageModel lm = LanguageModel.load(s.model().path())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<long[]>> parts = new ArrayList<>();
      for (List<RolloutTask> share : shares) {
        parts.add(pool.submit(() -> {
          long tokens = 0;
          for (RolloutResult r : new RolloutGenerator(lm, s).generateAll(share, () -> { })) {
            tokens += r.responseTokenIds().length;
          }
          long rollouts = share.size();
          return new long[] {rollouts, tokens};
        }));
      }
      long rollouts = 0;
      long tokens = 0;
      for (Future<long[]> f : parts) {
        rollouts += f.get()[0];
        tokens += f.get()[1];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      return new Result("direct, " + threads + " threads", rollouts, tokens, seconds);
    }
  }
}
