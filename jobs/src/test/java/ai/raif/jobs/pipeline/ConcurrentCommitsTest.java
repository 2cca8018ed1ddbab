package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.udfs.SharedSpark;
import ai.raif.udfs.storage.StorageRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two runs writing one tables root at once: a commit that loses to the other is retried, so nothing is lost. */
@ExtendWith(SharedSpark.class)
class ConcurrentCommitsTest {
  @Test
  void aLosingCommitIsRetriedAndOtherFailuresAreNot() {
    AtomicInteger calls = new AtomicInteger();
    RaifTables.retryingConflicts(RaifTables.Table.ROLLOUTS, () -> {
      if (calls.incrementAndGet() < 3) throw new io.delta.exceptions.ConcurrentAppendException("files were added");
    });
    assertEquals(3, calls.get());

    calls.set(0);
    IllegalStateException gaveUp = assertThrows(IllegalStateException.class,
        () -> RaifTables.retryingConflicts(RaifTables.Table.ROLLOUTS, () -> {
          calls.incrementAndGet();
          throw new io.delta.exceptions.ConcurrentAppendException("files were added");
        }));
    assertEquals(RaifTables.MERGE_ATTEMPTS, calls.get());
    assertTrue(gaveUp.getMessage().startsWith("table rollouts: " + RaifTables.MERGE_ATTEMPTS + " commits in a row"),
        gaveUp.getMessage());

    calls.set(0);
    IllegalArgumentException other = new IllegalArgumentException("bad rows");
    assertSame(other, assertThrows(IllegalArgumentException.class,
        () -> RaifTables.retryingConflicts(RaifTables.Table.ROLLOUTS, () -> {
          calls.incrementAndGet();
          throw other;
        })));
    assertEquals(1, calls.get(), "not a conflict: no retry");
  }

  @Test
  void twoRunsCommittingToOneTableAtOnceLoseNoRow(SparkSession spark, @TempDir Path dir) throws Exception {
    RaifTables tables = new RaifTables(spark, StorageRoot.of(dir.toString()));
    tables.ensure(RaifTables.Table.PIPELINE_METRICS);
    int commits = 6;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (String run : List.of("a", "b")) {
        runs.add(pool.submit(() -> {
          for (int i = 0; i < commits; i++) {
            new PipelineMetrics("rollout").put("rollouts", i).write(spark, tables, run, i);
          }
          return null;
        }));
      }
      for (Future<?> f : runs) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2L * commits, tables.read(RaifTables.Table.PIPELINE_METRICS).count());
    assertEquals(2L * commits, tables.read(RaifTables.Table.PIPELINE_METRICS).dropDuplicates("run_id", "iteration")
        .count());
  }
}
