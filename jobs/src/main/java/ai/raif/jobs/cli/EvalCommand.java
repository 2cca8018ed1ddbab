package ai.raif.jobs.cli;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.HeldOutEval;
import ai.raif.jobs.pipeline.BenchmarkEval;
import ai.raif.jobs.pipeline.EvalResults;
import ai.raif.jobs.pipeline.PipelineContext;
import ai.raif.rewards.eval.Benchmark;
import ai.raif.rewards.eval.Metric;
import ai.raif.rewards.reward.RolloutMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raif eval --benchmark B [--data FILE] [--limit N] --model M}: generate, score, print and record a benchmark's
 * metrics; {@code raif eval --compare A B}: the metrics of two checkpoints side by side with their differences.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a checkpoint on a benchmark (ifeval, ifbench, infobench, followbench, complexbench) into "
        + "eval_results, or compare two evaluated checkpoints.")
final class EvalCommand extends PipelineCommands.StageCommand {
  /** An evaluation's rows live under a run of its own (its hash): it needs no lease on the user's run. */
  @Override
  boolean writesRun() {
    return false;
  }

  @Option(names = "--benchmark", paramLabel = "B", description = "ifeval, ifbench, infobench, followbench or complexbench")
  String benchmark;

  @Option(names = "--data", paramLabel = "FILE", description = "the benchmark file (default: eval.data.<benchmark>); "
      + "'heldout' = the shipped held-out IFEval set")
  String data;

  @Option(names = "--mode", paramLabel = "MODES", description = "think, direct, chat, a comma list of them, or all "
      + "(default: eval.mode)")
  String mode;

  @Option(names = "--limit", paramLabel = "N", description = "only the first N prompts (default: all)")
  int limit;

  @Option(names = "--compare", arity = "2", paramLabel = "CHECKPOINT",
      description = "print the eval_results of two checkpoints (default, or a checkpoint path) and their differences")
  List<String> compare;

  @Override
  void run(SparkSession spark, RaifConfig config) {
    if (compare != null) {
      String a = BenchmarkEval.checkpointLabel(compare.get(0));
      String b = BenchmarkEval.checkpointLabel(compare.get(1));
      System.out.println("A = " + a);
      System.out.println("B = " + b);
      EvalResults.compare(PipelineContext.of(spark, config, 0).tables(), a, b).forEach(System.out::println);
      return;
    }
    if (benchmark == null) throw new IllegalArgumentException("--benchmark is required (or --compare A B)");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    Benchmark b = Benchmark.of(benchmark);
    List<RolloutMode> modes = RolloutMode.listOf(mode != null ? mode : config.eval().mode());
    for (RolloutMode m : modes) {
      evaluate(spark, ConfigLoader.with(config, List.of("eval.mode=" + m.wireName())), b);
    }
  }

  private void evaluate(SparkSession spark, RaifConfig config, Benchmark b) {
    String name = data != null ? data : configured(config, b);
    if (name.equals(HeldOutEval.DATA) && b != Benchmark.IFEVAL) {
      throw new IllegalArgumentException("--data heldout is an IFEval set: use it with --benchmark ifeval");
    }
    BenchmarkEval.Request request = name.equals(HeldOutEval.DATA) ? HeldOutEval.request(config, limit)
        : new BenchmarkEval.Request(b, Path.of(name), limit);
    if (!Files.isRegularFile(request.data())) {
      throw new IllegalArgumentException("--data: file not found: " + request.data());
    }
    RaifConfig evalConfig = ConfigLoader.with(config, BenchmarkEval.overrides(config, request));
    BenchmarkEval.Result r = BenchmarkEval.run(spark, config, evalConfig, request, System.out);
    for (String s : r.skipped().stream().limit(5).toList()) System.out.println("  skipped: " + s);
    if (r.skipped().size() > 5) System.out.println("  ... " + (r.skipped().size() - 5) + " more rows skipped");
    System.out.printf(Locale.ROOT, "%s (%s) on %s: %d prompts (%d generation errors, %d rows skipped)%n", b.id(),
        config.eval().mode(), r.checkpoint(), r.prompts(), r.errors(), r.skipped().size());
    for (Metric m : r.metrics()) {
      System.out.printf(Locale.ROOT, "%s: %s (n=%d)%n", m.name(),
          Double.isNaN(m.value()) ? "n/a" : String.format(Locale.ROOT, "%.6f", m.value()), m.n());
    }
    if (r.outputDir() != null) System.out.println("files: " + r.outputDir());
  }

  private static String configured(RaifConfig config, Benchmark b) {
    RaifConfig.EvalData d = config.eval().data();
    String path = switch (b) {
      case IFEVAL -> d.ifeval();
      case IFBENCH -> d.ifbench();
      case INFOBENCH -> d.infobench();
      case FOLLOWBENCH -> d.followbench();
      case COMPLEXBENCH -> d.complexbench();
    };
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("no data for " + b.id() + ": pass --data FILE or set eval.data." + b.id());
    }
    return path;
  }
}
