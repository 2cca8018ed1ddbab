package ai.raif.jobs.tracking;

/**
 * One value of a metric, as MLflow stores it: key, value, wall-clock time in milliseconds, and the step it belongs to
 * (an optimizer step, an iteration, a policy version).
 */
public record MetricPoint(String key, double value, long timestampMs, long step) {}
