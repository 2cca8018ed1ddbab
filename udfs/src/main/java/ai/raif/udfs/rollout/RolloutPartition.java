package ai.raif.udfs.rollout;

import ai.raif.udfs.model.ExecutorModels;
import ai.raif.udfs.model.ModelLease;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The rollout task: task rows ({@link RolloutRows#TASK}) in, {@code rollouts} rows out. The model comes from the
 * executor cache; the partition's rows go through {@code batch_size} decoding rows in input order, so a retried
 * task (same rows, same order, same seeds) regenerates the same text.
 */
public final class RolloutPartition implements MapPartitionsFunction<Row, Row> {
  private final RolloutSettings settings;

  public RolloutPartition(RolloutSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    List<RolloutTask> tasks = new ArrayList<>();
    input.forEachRemaining(r -> tasks.add(RolloutRows.task(r)));
    if (tasks.isEmpty()) return List.<Row>of().iterator();
    List<Row> out = new ArrayList<>();
    try (ModelLease lease = ExecutorModels.shared().acquire(settings.model())) {
      for (RolloutResult r : new RolloutGenerator(lease.model(), settings).generateAll(tasks, this::failOnceIfAsked)) {
        out.add(RolloutRows.rollout(settings, r));
      }
    }
    return out.iterator();
  }

  /** The retry test hook: fails this task attempt after real work was done, once per marker file. */
  private void failOnceIfAsked() {
    if (settings.failOnceMarker() == null) return;
    TaskContext ctx = TaskContext.get();
    if (ctx == null || ctx.attemptNumber() > 0) return;
    try {
      Files.createFile(Path.of(settings.failOnceMarker()));
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException e) {
      throw new IllegalStateException("fault-injection marker " + settings.failOnceMarker() + ": " + e, e);
    }
    throw new IllegalStateException("injected rollout task failure (test hook rollout fail-once marker)");
  }
}
