package ai.raif.jobs.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits what is to be logged into {@code runs/log-batch} requests within MLflow's limits: at most 1000 metrics, 100
 * params and 100 tags per request, and 1000 of them together. Params and tags go first, so a run's configuration is
 * on record before its first metrics.
 */
public final class MlflowBatches {
  public static final int MAX_METRICS = 1000;
  public static final int MAX_PARAMS = 100;
  public static final int MAX_TAGS = 100;
  public static final int MAX_ENTITIES = 1000;
  /** MLflow's longest key of a metric, param or tag. */
  public static final int MAX_KEY_LENGTH = 250;
  public static final int MAX_PARAM_VALUE_LENGTH = 6000;
  public static final int MAX_TAG_VALUE_LENGTH = 8000;

  /** One request's content; params and tags keep the order they were given in. */
  public record Batch(List<MetricPoint> metrics, List<Map.Entry<String, String>> params,
      List<Map.Entry<String, String>> tags) {
    public int size() {
      return metrics.size() + params.size() + tags.size();
    }
  }

  private MlflowBatches() {}

  /** The requests that log all of {@code metrics}, {@code params} and {@code tags}, in order; none if all are empty. */
  public static List<Batch> of(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
    List<Map.Entry<String, String>> p = copy(params);
    List<Map.Entry<String, String>> t = copy(tags);
    List<Batch> out = new ArrayList<>();
    int mi = 0;
    int pi = 0;
    int ti = 0;
    while (mi < metrics.size() || pi < p.size() || ti < t.size()) {
      int np = Math.min(MAX_PARAMS, p.size() - pi);
      int nt = Math.min(MAX_TAGS, t.size() - ti);
      int nm = Math.min(Math.min(MAX_METRICS, MAX_ENTITIES - np - nt), metrics.size() - mi);
      out.add(new Batch(List.copyOf(metrics.subList(mi, mi + nm)), List.copyOf(p.subList(pi, pi + np)),
          List.copyOf(t.subList(ti, ti + nt))));
      mi += nm;
      pi += np;
      ti += nt;
    }
    return out;
  }

  /** The entries as copies: a map's own entries would follow later changes to it. */
  private static List<Map.Entry<String, String>> copy(Map<String, String> m) {
    return m.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  /**
   * A key MLflow accepts: letters, digits and {@code _ - . / space} kept, anything else {@code _}, at most
   * {@link #MAX_KEY_LENGTH} characters.
   */
  public static String key(String key) {
    String k = key.replaceAll("[^A-Za-z0-9_\\-./ ]", "_");
    return k.length() <= MAX_KEY_LENGTH ? k : k.substring(0, MAX_KEY_LENGTH);
  }

  /** {@code value} cut to {@code max} characters, the cut marked, so no request is refused for a long value. */
  public static String value(String value, int max) {
    if (value.length() <= max) return value;
    String mark = "…[cut]";
    return value.substring(0, max - mark.length()) + mark;
  }
}
