package ai.raif.rewards.ifeval;

import java.nio.file.Path;
import java.util.List;

/**
 * The strict and loose reports of one evaluation, with IFEval's four headline accuracies, and the strict verdicts of
 * each row in input order.
 */
public record IfevalMetrics(IfevalReport strict, IfevalReport loose, List<IfevalResult> strictResults) {
  public IfevalMetrics {
    strictResults = List.copyOf(strictResults);
  }

  public double promptLevelStrictAcc() {
    return strict.promptLevel();
  }

  public double instLevelStrictAcc() {
    return strict.instructionLevel();
  }

  public double promptLevelLooseAcc() {
    return loose.promptLevel();
  }

  public double instLevelLooseAcc() {
    return loose.instructionLevel();
  }

  public IfevalReport report(FollowMode mode) {
    return mode == FollowMode.STRICT ? strict : loose;
  }

  /**
   * What {@code evaluation_main} prints for results written to {@code outputDir} (a 64-"=" rule, the results file and
   * its {@code print_report} per mode), followed by the four accuracies under the names lm-eval reports them.
   */
  public String format(Path outputDir) {
    StringBuilder b = new StringBuilder();
    for (FollowMode mode : FollowMode.values()) {
      b.append("=".repeat(64)).append('\n');
      b.append(outputDir.resolve(mode.resultsName() + ".jsonl")).append(" Accuracy Scores:\n");
      b.append(report(mode).format());
    }
    b.append("=".repeat(64)).append('\n');
    b.append("prompt_level_strict_acc: ").append(PyFloat.repr(promptLevelStrictAcc())).append('\n');
    b.append("inst_level_strict_acc: ").append(PyFloat.repr(instLevelStrictAcc())).append('\n');
    b.append("prompt_level_loose_acc: ").append(PyFloat.repr(promptLevelLooseAcc())).append('\n');
    b.append("inst_level_loose_acc: ").append(PyFloat.repr(instLevelLooseAcc())).append('\n');
    return b.toString();
  }
}
