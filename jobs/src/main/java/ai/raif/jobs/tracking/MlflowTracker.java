package ai.raif.jobs.tracking;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Logs one RAIF run to one MLflow run, found by its {@code raif.run_id} tag or created, so a resumed run continues the
 * MLflow run it started. Everything is sent from one background thread: the training thread only queues values, so a
 * slow or dead server never holds it up. A failed call is a WARNING; what it carried stays queued (up to
 * {@link #MAX_QUEUED} metric values, the oldest dropped beyond) and is sent again after a pause, then at
 * {@link #finish}, which waits a bounded time.
 */
final class MlflowTracker implements Tracker {
  static final int MAX_QUEUED = 100_000;

  private final MlflowClient client;
  private final String experiment;
  private final String raifRunId;
  private final Map<String, String> config;
  private final Duration pause;
  private final Duration finishWait;
  private final BiConsumer<Level, String> log;
  private final ExecutorService sender;

  // the sender thread's alone
  private String mlflowRunId;
  private final List<MetricPoint> metrics = new ArrayList<>();
  private final Map<String, String> params = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private long dropped;
  private long pausedUntil;
  private boolean paused;

  /**
   * @param config the resolved configuration as params ({@link ConfigParams#of})
   * @param pause how long sending waits after a failed call before it tries again
   * @param finishWait the most {@link #finish} waits for the queue to be sent
   */
  MlflowTracker(MlflowClient client, String experiment, String raifRunId, Map<String, String> config, Duration pause,
      Duration finishWait, BiConsumer<Level, String> log) {
    this.client = client;
    this.experiment = experiment;
    this.raifRunId = raifRunId;
    this.config = Map.copyOf(config);
    this.pause = pause;
    this.finishWait = finishWait;
    this.log = log;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mlflow-tracker-" + raifRunId);
      t.setDaemon(true);  // never keeps a finished JVM alive
      return t;
    });
    submit(() -> send(false));  // find or create the run and log the configuration now
  }

  @Override
  public void log(List<MetricPoint> points) {
    List<MetricPoint> finite = points.stream().filter(p -> Double.isFinite(p.value()))
        .map(p -> new MetricPoint(MlflowBatches.key(p.key()), p.value(), p.timestampMs(), p.step())).toList();
    if (finite.isEmpty()) return;
    submit(() -> {
      metrics.addAll(finite);
      if (metrics.size() > MAX_QUEUED) {
        int excess = metrics.size() - MAX_QUEUED;
        metrics.subList(0, excess).clear();
        dropped += excess;
      }
      send(false);
    });
  }

  @Override
  public void tag(String key, String value) {
    submit(() -> {
      tags.put(MlflowBatches.key(key), MlflowBatches.value(value, MlflowBatches.MAX_TAG_VALUE_LENGTH));
      send(false);
    });
  }

  @Override
  public void finish(boolean succeeded) {
    submit(() -> {
      send(true);
      if (mlflowRunId == null) return;
      try {
        client.setStatus(mlflowRunId, succeeded ? "FINISHED" : "FAILED", System.currentTimeMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        warn(e);
      }
    });
    sender.shutdown();
    try {
      if (sender.awaitTermination(finishWait.toMillis(), TimeUnit.MILLISECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.shutdownNow();
    log.accept(Level.WARNING, "MLflow tracking of run " + raifRunId + ": " + client.api() + " did not take the last "
        + "values within " + finishWait.toSeconds() + " s; they are not logged (the tables hold them)");
  }

  private void submit(Runnable task) {
    try {
      sender.execute(task);
    } catch (RejectedExecutionException finished) {
      // after finish: nothing more is tracked by this tracker
    }
  }

  /** Sends everything queued, unless a recent failure paused sending ({@code force}: try anyway). */
  private void send(boolean force) {
    if (paused && !force && System.nanoTime() - pausedUntil < 0) return;
    try {
      if (mlflowRunId == null) attach();
      for (MlflowBatches.Batch b : MlflowBatches.of(metrics, params, tags)) {
        client.logBatch(mlflowRunId, b);
        metrics.subList(0, b.metrics().size()).clear();
        b.params().forEach(p -> params.remove(p.getKey()));
        b.tags().forEach(t -> tags.remove(t.getKey(), t.getValue()));
      }
      paused = false;
      if (dropped > 0) {
        log.accept(Level.WARNING, "MLflow tracking of run " + raifRunId + ": " + dropped + " metric values were "
            + "dropped while the server could not be reached (the tables hold them)");
        dropped = 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      paused = true;
      pausedUntil = System.nanoTime() + pause.toNanos();
      warn(e);
    }
  }

  /** Finds the run by its tag or creates it, and queues the configuration params it does not hold yet. */
  private void attach() throws InterruptedException {
    String experimentId = client.experimentId(experiment);
    var found = client.findRun(experimentId, raifRunId);
    ConfigParams.Resumed todo = ConfigParams.resume(config, found.map(MlflowClient.Run::params).orElse(Map.of()));
    if (found.isPresent()) {
      client.setStatus(found.get().runId(), "RUNNING", 0);
      mlflowRunId = found.get().runId();
    } else {
      mlflowRunId = client.createRun(experimentId, raifRunId, System.currentTimeMillis());
    }
    params.putAll(todo.params());
    tags.putAll(todo.tags());
    log.accept(Level.INFO, "MLflow tracking of run " + raifRunId + ": " + (found.isPresent() ? "continuing" : "started")
        + " MLflow run " + mlflowRunId + " in experiment '" + experiment + "' at " + client.api());
  }

  private void warn(RuntimeException e) {
    log.accept(Level.WARNING, "MLflow tracking of run " + raifRunId + ": " + e.getMessage() + "; " + metrics.size()
        + " metric values wait for the next attempt in " + pause.toSeconds() + " s; training goes on");
  }
}
