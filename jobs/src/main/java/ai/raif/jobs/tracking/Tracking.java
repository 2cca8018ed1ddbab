package ai.raif.jobs.tracking;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.http.HttpCalls;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The trackers of the runs this process's commands work on. A command opens its run's tracker ({@link #open}) and
 * finishes it ({@link #close}); the places that write {@code pipeline_metrics}, {@code train_metrics} and
 * {@code eval_results} rows, and publish checkpoints, log through {@link #of}, which is {@link Tracker#OFF} for a run
 * no command opened: an evaluation's own generation run, a test that calls stages directly.
 */
public final class Tracking {
  /** What a failed call waits before the tracker tries again. */
  static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(60);
  private static final Map<String, Tracker> OPEN = new ConcurrentHashMap<>();

  /** An MLflow server to log to, and the bearer token for it (null for none). */
  record Target(URI server, String token) {}

  private Tracking() {}

  /** The tracker of run {@code runId}, or {@link Tracker#OFF}. */
  public static Tracker of(String runId) {
    return OPEN.getOrDefault(runId, Tracker.OFF);
  }

  /** Opens the tracker of {@code config}'s run (off unless {@code tracking} says otherwise). */
  public static Tracker open(RaifConfig config) {
    System.Logger logger = System.getLogger(Tracking.class.getName());
    return open(config, System::getenv, logger::log);
  }

  /** As {@link #open(RaifConfig)}, with the environment and the log given (tests). */
  public static Tracker open(RaifConfig config, Function<String, String> env, BiConsumer<Level, String> log) {
    Optional<Target> target = target(config.tracking(), env, log);
    if (target.isEmpty()) return Tracker.OFF;
    RaifConfig.Tracking t = config.tracking();
    Duration timeout = Duration.ofSeconds(t.timeoutS());
    // a call that may use every attempt and wait about as long again between them, as the judge's
    Duration deadline = timeout.multipliedBy(2L * (t.maxRetries() + 1));
    // the tracker warns once per failure itself: the calls' own failure lines would say it twice
    BiConsumer<Level, String> quiet = (level, message) -> log.accept(Level.DEBUG, message);
    HttpCalls calls = new HttpCalls(new HttpCalls.Policy(timeout, t.maxRetries(), Duration.ofMillis(500), 2),
        target.get().token(), quiet);
    if (calls.tokenInClear(target.get().server())) {
      log.accept(Level.WARNING, "MLflow tracking: the token goes to " + target.get().server().getHost()
          + " over plain http: anyone on the path can read it; use https");
    }
    MlflowClient client = new MlflowClient(target.get().server(), calls, deadline);
    Tracker tracker = new MlflowTracker(client, t.experiment(), config.run().id(), ConfigParams.of(config),
        PAUSE_AFTER_FAILURE, deadline, log);
    Tracker previous = OPEN.put(config.run().id(), tracker);
    if (previous != null) previous.finish(true);
    return tracker;
  }

  /** Finishes the tracker of {@code runId}, if one is open: sends what is queued and marks the MLflow run. */
  public static void close(String runId, boolean succeeded) {
    Tracker t = OPEN.remove(runId);
    if (t != null) t.finish(succeeded);
  }

  /**
   * Where {@code tracking} logs to: {@code mlflow_uri} as given; {@code databricks}: the workspace in
   * {@code DATABRICKS_HOST} with the token in {@code DATABRICKS_TOKEN} (how the Databricks CLI and SDKs find it);
   * empty: {@code databricks} on a Databricks cluster ({@code DATABRICKS_RUNTIME_VERSION} set), else off;
   * {@code none} (or {@code off}): off.
   */
  static Optional<Target> target(RaifConfig.Tracking tracking, Function<String, String> env,
      BiConsumer<Level, String> log) {
    String uri = tracking.mlflowUri() == null ? "" : tracking.mlflowUri().strip();
    if (uri.isEmpty() && present(env.apply("DATABRICKS_RUNTIME_VERSION"))) uri = "databricks";
    // none, or off, which YAML reads as the boolean false
    if (uri.isEmpty() || uri.equals("none") || uri.equals("false")) return Optional.empty();
    if (uri.equals("databricks")) {
      String host = env.apply("DATABRICKS_HOST");
      if (!present(host)) {
        log.accept(Level.WARNING, "MLflow tracking to databricks needs the workspace URL in DATABRICKS_HOST (and a "
            + "token in DATABRICKS_TOKEN) in the driver's environment; tracking is off for this command");
        return Optional.empty();
      }
      host = host.strip();
      return Optional.of(new Target(URI.create(host.contains("://") ? host : "https://" + host),
          env.apply("DATABRICKS_TOKEN")));
    }
    String token = tracking.tokenEnv() == null || tracking.tokenEnv().isBlank() ? null
        : env.apply(tracking.tokenEnv());
    return Optional.of(new Target(URI.create(uri), present(token) ? token : null));
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
