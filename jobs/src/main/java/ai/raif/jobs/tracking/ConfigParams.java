package ai.raif.jobs.tracking;

import ai.raif.jobs.config.RaifConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved configuration as MLflow params: one per leaf key, named as in conf/local.yaml ({@code train.lr}), the
 * value as the YAML would print it. MLflow never changes a param once logged, so a resumed run logs only the keys its
 * MLflow run lacks, and records a value that changed since as a tag ({@link #resume}).
 */
public final class ConfigParams {
  /** The tag prefix of a configuration value that differs from the param first logged for it. */
  public static final String CHANGED_PREFIX = "raif.config_changed.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to log on a run that already holds some params: new params, and changed values as tags. */
  public record Resumed(Map<String, String> params, Map<String, String> tags) {}

  private ConfigParams() {}

  /** {@code config} flattened, sorted by key; values cut to MLflow's 6000 characters. */
  public static Map<String, String> of(RaifConfig config) {
    Map<String, String> out = new TreeMap<>();
    flatten("", JSON.valueToTree(config), out);
    return out;
  }

  static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
      return;
    }
    String value = node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
    out.put(MlflowBatches.key(prefix), MlflowBatches.value(value, MlflowBatches.MAX_PARAM_VALUE_LENGTH));
  }

  /**
   * Splits {@code wanted} against the params an MLflow run already holds: keys it lacks become params; keys it holds
   * with another value become tags {@code raif.config_changed.<key>} (logging them as params would be refused); keys it
   * holds with the same value are left out.
   */
  public static Resumed resume(Map<String, String> wanted, Map<String, String> existing) {
    Map<String, String> params = new TreeMap<>();
    Map<String, String> tags = new TreeMap<>();
    wanted.forEach((k, v) -> {
      String had = existing.get(k);
      if (had == null) {
        params.put(k, v);
      } else if (!had.equals(v)) {
        tags.put(MlflowBatches.key(CHANGED_PREFIX + k), MlflowBatches.value(v, MlflowBatches.MAX_TAG_VALUE_LENGTH));
      }
    });
    return new Resumed(params, tags);
  }
}
