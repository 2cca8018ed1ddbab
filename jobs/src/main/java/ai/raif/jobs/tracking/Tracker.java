package ai.raif.jobs.tracking;

import java.util.List;

/**
 * Where a RAIF run's numbers go besides its Delta tables: an experiment tracker ({@link MlflowTracker}), or nowhere
 * ({@link #OFF}). Calls never block on the network and never throw: tracking must not stop or slow training.
 */
public interface Tracker {
  /** A tracker that records nothing: tracking is off, or the run is not one a command opened ({@link Tracking}). */
  Tracker OFF = new Tracker() {
    @Override
    public void log(List<MetricPoint> metrics) {}

    @Override
    public void tag(String key, String value) {}

    @Override
    public void finish(boolean succeeded) {}
  };

  /** Records metric values; non-finite values are left out (the tables hold them as null). */
  void log(List<MetricPoint> metrics);

  /** Sets a tag of the tracked run (the latest value wins). */
  void tag(String key, String value);

  /**
   * The command that opened the tracker ends: what is still queued is sent, within a bounded wait, and the tracked run
   * is marked finished or failed. A later command of the same run reopens it.
   */
  void finish(boolean succeeded);
}
