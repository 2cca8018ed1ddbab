package ai.raif.rewards.ifbench;

import ai.raif.rewards.ifeval.RuleBenchmark;
import ai.raif.rewards.ifeval.IfevalEvaluation;
import ai.raif.rewards.ifeval.IfevalMetrics;
import ai.raif.rewards.ifeval.ResponseMatching;
import java.nio.file.Path;

/** AllenAI IFBench's {@code run_eval} (db69a6f) through the shared IFEval evaluation loop. */
public final class IfbenchEvaluation {
  /** IFBench's 83 ids, with its tolerant response matching and {@code empty_output} for prompts without response. */
  public static final RuleBenchmark IFBENCH =
      new RuleBenchmark("ifbench", new IfbenchChecker(), ResponseMatching.TOLERANT);

  private IfbenchEvaluation() {}

  /**
   * Writes {@code eval_results_strict.jsonl} and {@code eval_results_loose.jsonl} into {@code outputDir},
   * byte-identical to run_eval's {@code <responses>-eval_results_*.jsonl}, and returns the metrics.
   *
   * @see IfevalEvaluation#run(RuleBenchmark, Path, Path, Path)
   */
  public static IfevalMetrics run(Path inputData, Path responseData, Path outputDir) {
    return IfevalEvaluation.run(IFBENCH, inputData, responseData, outputDir);
  }
}
