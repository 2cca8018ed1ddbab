package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.SparkSessions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs pipeline stages in order for one iteration, logging each stage's summary and writing it to
 * {@code pipeline_metrics}. Every stage only does the work its table is missing, so a rerun after a crash resumes
 * where it stopped and a rerun of a finished iteration changes nothing.
 */
public final class Pipeline {
  /** A stage, by its config name. */
  public enum Stage {
    PROMPTS("prompts", PromptsStage::run),
    ROLLOUT("rollout", RolloutStage::run),
    REWARD("reward", RewardStage::run),
    CONTRAST("contrast", ContrastStage::run),
    TRAIN("train", TrainStage::run);

    public final String configName;
    final Function<PipelineContext, PipelineMetrics> body;

    Stage(String configName, Function<PipelineContext, PipelineMetrics> body) {
      this.configName = configName;
      this.body = body;
    }

    public static Stage of(String name) {
      for (Stage s : values()) if (s.configName.equals(name)) return s;
      throw new IllegalArgumentException("unknown stage '" + name + "' (expected one of " + RaifConfig.STAGES + ")");
    }
  }

  private Pipeline() {}

  /**
   * The session a job runs in: spark-submit's (it sets {@code spark.master}), or an embedded local one with the
   * configured master and task retries.
   */
  public static SparkSession session(RaifConfig config) {
    // the variables that hold API keys, whatever they are called, are redacted in the Spark UI and event log
    List<String> secrets = java.util.Arrays.asList(config.judge().apiKeyEnv(), config.evolve().teacherApiKeyEnv(),
        config.tracking().tokenEnv());
    if (System.getProperty("spark.master") != null) {
      return SparkSessions.redacting(SparkSessions.withDelta(SparkSession.builder().appName("raif")), secrets)
          .getOrCreate();
    }
    return SparkSessions.local(SparkSessions.localMaster(config.spark().master(), config.spark().taskMaxFailures()),
        "raif", secrets);
  }

  public static PipelineMetrics runStage(PipelineContext ctx, Stage stage, PrintStream log) {
    return run(ctx, () -> stage.body.apply(ctx), log);
  }

  /** Runs a stage's body, records its summary in {@code pipeline_metrics} and prints it. */
  static PipelineMetrics run(PipelineContext ctx, Supplier<PipelineMetrics> body, PrintStream log) {
    RunLease.checkHeld(ctx.runId());
    long start = System.nanoTime();
    PipelineMetrics m = body.get();
    m.write(ctx.spark(), ctx.tables(), ctx.runId(), ctx.iteration());
    log.printf("[%s it=%d] %s (%.1f s)%n", ctx.runId(), ctx.iteration(), m.line(), (System.nanoTime() - start) / 1e9);
    if (m.stage().equals(Stage.PROMPTS.configName)) {
      for (String e : PromptsStage.errors(ctx, 5)) log.println("  prompt error: " + e);
    }
    return m;
  }

  /**
   * Stages from prompts through {@code stopAfter}, for one iteration. With dynamic sampling the rollout, reward and
   * contrast stages repeat on a further window of prompts until enough groups train ({@link DynamicSampling}).
   */
  public static List<PipelineMetrics> runIteration(PipelineContext ctx, Stage stopAfter, PrintStream log) {
    List<PipelineMetrics> out = new ArrayList<>();
    out.add(runStage(ctx, Stage.PROMPTS, log));
    if (stopAfter == Stage.PROMPTS) return out;
    List<Stage> sampling = List.of(Stage.ROLLOUT, Stage.REWARD, Stage.CONTRAST);
    for (int draws = 1; ; draws++) {
      PipelineContext drawn = ctx.withDraws(draws);
      PipelineMetrics last = null;
      for (Stage s : sampling) {
        last = runStage(drawn, s, log);
        out.add(last);
        if (s == stopAfter && s != Stage.CONTRAST) return out; // no contrast yet, so nothing to decide a draw on
      }
      if (!DynamicSampling.drawAgain(ctx.config(), draws, last)) break;
      log.printf("[%s it=%d] dynamic sampling: %d groups train, fewer than %d: drawing %d more prompts%n",
          ctx.runId(), ctx.iteration(), (long) last.get("kept_prompts"), ctx.config().rollout().dynamicMinGroups(),
          ctx.config().prompts().limit());
    }
    if (stopAfter == Stage.TRAIN) out.add(runStage(ctx, Stage.TRAIN, log));
    return out;
  }
}
