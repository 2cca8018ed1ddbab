package ai.raif.rewards.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A judge-scored benchmark file: its usable items, the rows it had to skip (each message names row, field and reason),
 * and how the judge's verdicts become the benchmark's metrics.
 */
public interface JudgedBenchmark {
  List<JudgedItem> items();

  List<String> skipped();

  /**
   * @param verdicts per item key, one verdict per question in order; a missing item or a null verdict (the judge
   *     could not answer) counts as NO, so a flaky judge can only lower a score, never raise it
   */
  List<Metric> metrics(Map<String, List<Boolean>> verdicts);

  /** Reads {@code file} in {@code benchmark}'s format; {@code limit} > 0 keeps the first that many usable items. */
  static JudgedBenchmark read(Benchmark benchmark, Path file, int limit) {
    List<BenchmarkRows.Row> rows = BenchmarkRows.read(file);
    return switch (benchmark) {
      case INFOBENCH -> InfobenchFormat.of(rows, limit);
      case FOLLOWBENCH -> FollowbenchFormat.of(rows, limit);
      case COMPLEXBENCH -> ComplexbenchFormat.of(rows, limit);
      default -> throw new IllegalArgumentException(benchmark.id() + " is scored by rules, not by the judge");
    };
  }
}
