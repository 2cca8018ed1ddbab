package ai.raif.jobs.cli;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.evolve.Evolution;
import ai.raif.jobs.pipeline.HeldOutEval;
import ai.raif.jobs.pipeline.LearningCurve;
import ai.raif.jobs.pipeline.Pipeline;
import ai.raif.jobs.pipeline.PipelineContext;
import ai.raif.jobs.pipeline.PipelineMetrics;
import ai.raif.jobs.pipeline.PolicyVersions;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.udfs.storage.SharedFiles;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/**
 * The README's first command: RAIF end to end on the embedded model. Scores the untrained policy on the held-out set
 * in every mode (its own chat template included: the baseline a trained model must beat), runs
 * {@code run.iterations} iterations (rollouts, rewards, contrast, GRPO + behaviour cloning, publish; a learning-curve
 * point every {@code eval.curve_every} versions), scores the last published version the same way, and prints both
 * side by side. Settings: conf/demo.yaml under the user's; {@link Recipe} is the same with conf/recipe.yaml.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Evaluate on the held-out set, run a few RAIF iterations, evaluate again, and print a before/after "
        + "table (settings: conf/demo.yaml, overridable with --conf/--set).")
class DemoCommand extends PipelineCommands.StageCommand {
  String profile() {
    return "demo";
  }

  @Override
  RaifConfig config() {
    return common.config(profile(), List.of());
  }

  /** What runs before the first evaluation; nothing for the demo. */
  void prepare(SparkSession spark, RaifConfig config) {}

  @Override
  void run(SparkSession spark, RaifConfig config) {
    PrintStream out = System.out;
    long start = System.nanoTime();
    prepare(spark, config);
    PolicyVersions versions = PipelineContext.versions(config);
    List<RolloutMode> modes = RolloutMode.listOf(config.demo().evalModes());
    int n = config.demo().evalPrompts();
    out.printf("raif %s: run '%s', %d iterations on %s; held-out evaluation on %s prompts in %s%n",
        profile(), config.run().id(), config.run().iterations(), config.model().path(), n == 0 ? "all" : n,
        modes.stream().map(RolloutMode::wireName).toList());
    List<HeldOutEval.ModeResult> before = evaluate(spark, config, versions, 0, modes, out);
    long trainingStart = System.nanoTime();
    if (config.run().iteration() == 0) LearningCurve.point(spark, config, 0, out);
    List<Double> kept = new ArrayList<>();
    Pipeline.Stage stopAfter = Pipeline.Stage.of(config.run().stopAfter());
    for (int i = 0; i < config.run().iterations(); i++) {
      PipelineContext ctx = PipelineContext.of(spark, config, config.run().iteration() + i);
      for (PipelineMetrics m : Pipeline.runIteration(ctx, stopAfter, out)) {
        if (m.stage().equals("contrast")) kept.add(m.get("kept_ratio"));
      }
      if (stopAfter == Pipeline.Stage.TRAIN) LearningCurve.point(spark, config, ctx.iteration() + 1L, out);
    }
    double trainingMinutes = (System.nanoTime() - trainingStart) / 60e9;
    long last = versions.policyFor(Integer.MAX_VALUE).policyVersion();
    List<HeldOutEval.ModeResult> after = evaluate(spark, config, versions, last, modes, out);
    out.println();
    out.print(HeldOutEval.table(0, before, last, after));
    if (!kept.isEmpty()) {
      out.printf(Locale.ROOT, "kept ratio (first / last iteration): %.3f / %.3f%n", kept.get(0),
          kept.get(kept.size() - 1));
    }
    out.printf("%ncheckpoint: %s%n", versions.describe(last));
    out.printf("took %.1f min (iterations with their curve points: %.1f min)%n", (System.nanoTime() - start) / 60e9,
        trainingMinutes);
  }

  private static List<HeldOutEval.ModeResult> evaluate(SparkSession spark, RaifConfig config, PolicyVersions versions,
      long version, List<RolloutMode> modes, PrintStream out) {
    RaifConfig atVersion = ConfigLoader.with(config, List.of("model.path=" + versions.keyOf(version).path()));
    return HeldOutEval.run(spark, atVersion, modes, config.demo().evalPrompts(), config.demo().evalMaxNewTokens(), out);
  }

  /**
   * {@code raif recipe}: the learning recipe (conf/recipe.yaml): evolves its training prompts when their file is
   * missing, then runs like the demo at a size meant to improve held-out instruction following.
   */
  @Command(name = "recipe", mixinStandardHelpOptions = true,
      description = "Evolve training prompts (when missing), evaluate on the held-out set, run the RAIF recipe's "
          + "iterations with learning-curve points, evaluate again (settings: conf/recipe.yaml).")
  static final class Recipe extends DemoCommand {
    @Override
    String profile() {
      return "recipe";
    }

    @Override
    void prepare(SparkSession spark, RaifConfig config) {
      if (SharedFiles.isFile(config.prompts().source())) return;
      if (!config.prompts().source().equals(config.evolve().output())) {
        throw new IllegalArgumentException("prompts.source " + config.prompts().source() + " does not exist (the "
            + "recipe evolves its prompts into evolve.output, " + config.evolve().output() + ")");
      }
      Evolution.Result r = Evolution.run(spark, config);
      System.out.printf("[%s] %s%n", config.run().id(), r.metrics().line());
    }
  }
}
