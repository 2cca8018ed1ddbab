package ai.raif.rewards.bench;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.ifeval.Instruction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Speed of the IFEval reward checks: every instruction of every row checked against every text of the row, strictly
 * and loosely (loose = the eight candidate texts of {@link FollowMode#LOOSE}). One check is one instruction verdict,
 * strict or loose. Constraints are bound (validated) once per text inside the timed pass, as a reward function scoring
 * one response does (the Python reference binds them once per text and mode).
 */
public final class RewardsBenchmark {
  private static final IfevalChecker CHECKER = new IfevalChecker();

  private RewardsBenchmark() {}

  /** The verdicts of one row. */
  static Verdicts check(BenchRow row) {
    long strict = 0;
    long loose = 0;
    for (String text : row.texts()) {
      List<Instruction> instructions = new ArrayList<>(row.constraints().size());
      for (Constraint c : row.constraints()) instructions.add(CHECKER.bind(c));
      for (Instruction instruction : instructions) {
        if (FollowMode.STRICT.follows(instruction, text)) strict++;
        if (FollowMode.LOOSE.follows(instruction, text)) loose++;
      }
    }
    return new Verdicts(row.checks(), strict, loose);
  }

  /** One pass over the workload: in this thread when {@code threads} is 1, else over rows in a pool of that size. */
  public static Verdicts pass(RewardsWorkload workload, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    if (threads == 1) {
      Verdicts total = Verdicts.NONE;
      for (BenchRow row : workload.rows()) total = total.plus(check(row));
      return total;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      // A stream started inside a pool's task runs in that pool, so exactly `threads` threads do the work.
      return pool.submit(() -> IntStream.range(0, workload.rows().size()).parallel()
          .mapToObj(i -> check(workload.rows().get(i)))
          .reduce(Verdicts.NONE, Verdicts::plus)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("benchmark pass failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Runs {@code warmups} untimed passes (for the JIT), then {@code repetitions} timed ones.
   *
   * @return the median pass time; the verdicts are those of the last pass (every pass gives the same)
   */
  public static Measurement measure(RewardsWorkload workload, int threads, int warmups, int repetitions) {
    if (warmups < 0 || repetitions < 1) {
      throw new IllegalArgumentException("need warmups >= 0 and repetitions >= 1, got " + warmups + ", "
          + repetitions);
    }
    for (int i = 0; i < warmups; i++) pass(workload, threads);
    double[] seconds = new double[repetitions];
    Verdicts verdicts = Verdicts.NONE;
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      verdicts = pass(workload, threads);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return new Measurement(threads, verdicts, median(seconds), repetitions);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
