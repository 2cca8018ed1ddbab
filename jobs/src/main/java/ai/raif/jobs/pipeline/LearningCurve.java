package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.reward.RolloutMode;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Held-out accuracy along a run: every {@code eval.curve_every} published versions (and version 0), the version is
 * scored on the first {@code eval.curve_prompts} held-out prompts in {@code eval.curve_modes}, greedy. The numbers go
 * to {@code eval_results} (checkpoint = the version's directory) and to {@code pipeline_metrics} (stage
 * {@code heldout}, iteration = policy version), which the contrast_and_training notebook plots against iteration.
 * A rerun reuses the generations, so a resumed run pays only the scoring.
 */
public final class LearningCurve {
  private LearningCurve() {}

  /** Whether {@code version} is a point of the configured curve. */
  public static boolean due(RaifConfig config, long version) {
    int every = config.eval().curveEvery();
    return every > 0 && version % every == 0;
  }

  /** Scores {@code version} of the configured run on the held-out subset when it is due; returns the metrics. */
  public static PipelineMetrics point(SparkSession spark, RaifConfig config, long version, PrintStream log) {
    if (!due(config, version)) return null;
    PolicyVersions versions = PipelineContext.versions(config);
    RaifConfig.Eval e = config.eval();
    RaifConfig atVersion = ConfigLoader.with(config, List.of("model.path=" + versions.keyOf(version).path()));
    List<HeldOutEval.ModeResult> results = HeldOutEval.run(spark, atVersion, RolloutMode.listOf(e.curveModes()),
        e.curvePrompts(), e.curveMaxNewTokens(), log);
    PipelineMetrics m = HeldOutEval.metrics(results);
    m.write(spark, RaifTables.of(spark, config), config.run().id(),
        (int) version);
    log.printf("[%s] held-out curve, version %d: %s%n", config.run().id(), version, m.line());
    return m;
  }
}
