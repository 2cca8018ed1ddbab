package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.HeldOutEval;
import ai.raif.jobs.pipeline.Pipeline;
import ai.raif.jobs.pipeline.PipelineContext;
import ai.raif.jobs.pipeline.PipelineMetrics;
import ai.raif.jobs.pipeline.PolicyVersions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/**
 * The README's first command: RAIF end to end on the embedded model. Evaluates the untrained policy on held-out
 * prompts, runs {@code run.iterations} iterations (rollouts, rewards, contrast, GRPO + behaviour cloning, publish),
 * evaluates the last published version, and prints both side by side. Settings: conf/demo.yaml under the user's.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Evaluate, run a few RAIF iterations, evaluate again, and print a before/after table "
        + "(settings: conf/demo.yaml, overridable with --conf/--set).")
final class DemoCommand extends PipelineCommands.StageCommand {
  static final String PROFILE = "demo";

  @Override
  RaifConfig config() {
    return common.config(PROFILE, List.of());
  }

  @Override
  void run(SparkSession spark, RaifConfig config) {
    RaifConfig evalConfig = common.config(PROFILE, HeldOutEval.overrides(config));
    PrintStream out = System.out;
    long start = System.nanoTime();
    PolicyVersions versions = PipelineContext.versions(config);
    out.printf("raif demo: run '%s', %d iterations on %s; held-out evaluation on %d eval prompts%n",
        config.run().id(), config.run().iterations(), config.model().path(), config.demo().evalPrompts());
    HeldOutEval.Result before = HeldOutEval.run(spark, evalConfig, versions.keyOf(0), out);
    List<Double> kept = new ArrayList<>();
    Pipeline.Stage stopAfter = Pipeline.Stage.of(config.run().stopAfter());
    for (int i = 0; i < config.run().iterations(); i++) {
      PipelineContext ctx = PipelineContext.of(spark, config, config.run().iteration() + i);
      for (PipelineMetrics m : Pipeline.runIteration(ctx, stopAfter, out)) {
        if (m.stage().equals("contrast")) kept.add(m.get("kept_ratio"));
      }
    }
    long last = versions.policyFor(Integer.MAX_VALUE).policyVersion();
    HeldOutEval.Result after = HeldOutEval.run(spark, evalConfig, versions.keyOf(last), out);
    out.println();
    out.print(table(before, after, kept));
    out.printf("%ncheckpoint: %s%n", versions.describe(last));
    out.printf("took %.1f min%n", (System.nanoTime() - start) / 60e9);
  }

  static String table(HeldOutEval.Result before, HeldOutEval.Result after, List<Double> kept) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-36s %12s %12s%n", "held-out (" + after.prompts() + " prompts, greedy)",
        "before (v" + before.version() + ")", "after (v" + after.version() + ")"));
    row(b, "prompt-level rule accuracy (IFEval)", before.ruleAccuracy(), after.ruleAccuracy());
    row(b, "format-pass rate", before.formatPassRate(), after.formatPassRate());
    row(b, "mean reward", before.meanReward(), after.meanReward());
    if (!kept.isEmpty()) {
      row(b, "kept ratio (first / last iteration)", kept.get(0), kept.get(kept.size() - 1));
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String name, double x, double y) {
    b.append(String.format(Locale.ROOT, "%-36s %12s %12s%n", name, fmt(x), fmt(y)));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
