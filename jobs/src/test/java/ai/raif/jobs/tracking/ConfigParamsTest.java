package ai.raif.jobs.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.jobs.config.ConfigException;
import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigParamsTest {
  @Test
  void theResolvedConfigBecomesOneParamPerKeyOfLocalYaml() throws Exception {
    RaifConfig c = ConfigLoader.load(List.of(), List.of("train.lr=0.5", "run.id=exp1",
        "generation.system_prompt=" + "s".repeat(7000)));
    Map<String, String> p = ConfigParams.of(c);
    assertEquals("0.5", p.get("train.lr"));
    assertEquals("exp1", p.get("run.id"));
    assertEquals("4", p.get("rollout.reasoning_samples"));
    assertEquals("false", p.get("train.bc_include_prompt"));
    assertEquals("", p.get("eval.data.ifeval"));
    assertEquals("", p.get("tracking.mlflow_uri"));
    assertEquals(6000, p.get("generation.system_prompt").length());
    // the same keys as conf/local.yaml's leaves, read here independently of the config records
    JsonNode yaml = new ObjectMapper(new YAMLFactory())
        .readTree(Path.of(System.getProperty("raif.repo.root"), "conf/local.yaml").toFile());
    Map<String, String> leaves = new TreeMap<>();
    ConfigParams.flatten("", yaml, leaves);
    assertEquals(leaves.keySet(), p.keySet());
  }

  @Test
  void aResumedRunLogsOnlyNewKeysAndTagsChangedValues() {
    ConfigParams.Resumed r = ConfigParams.resume(Map.of("a", "1", "b", "2", "c", "3"), Map.of("a", "1", "b", "9"));
    assertEquals(Map.of("c", "3"), r.params());
    assertEquals(Map.of("raif.config_changed.b", "2"), r.tags());
    ConfigParams.Resumed fresh = ConfigParams.resume(Map.of("a", "1"), Map.of());
    assertEquals(Map.of("a", "1"), fresh.params());
    assertTrue(fresh.tags().isEmpty());
  }

  static RaifConfig tracking(String... sets) {
    return ConfigLoader.load(List.of(), List.of(sets));
  }

  @Test
  void theTargetIsOffUnlessSetOrOnDatabricks() {
    List<String> log = new ArrayList<>();
    var off = Tracking.target(tracking().tracking(), Map.<String, String>of()::get, (l, m) -> log.add(m));
    assertTrue(off.isEmpty());
    Map<String, String> databricks = Map.of("DATABRICKS_RUNTIME_VERSION", "15.4", "DATABRICKS_HOST",
        "adb-1.azuredatabricks.net", "DATABRICKS_TOKEN", "dapi-secret");
    var onCluster = Tracking.target(tracking().tracking(), databricks::get, (l, m) -> log.add(m)).orElseThrow();
    assertEquals("https://adb-1.azuredatabricks.net", onCluster.server().toString());
    assertEquals("dapi-secret", onCluster.token());
    assertTrue(Tracking.target(tracking("tracking.mlflow_uri=none").tracking(), databricks::get, (l, m) -> { })
        .isEmpty());
    // an unquoted off is YAML's boolean false: off too
    assertTrue(Tracking.target(tracking("tracking.mlflow_uri=off").tracking(), databricks::get, (l, m) -> { })
        .isEmpty());
    var server = Tracking.target(tracking("tracking.mlflow_uri=http://127.0.0.1:5000").tracking(),
        Map.of("MLFLOW_TRACKING_TOKEN", "tok")::get, (l, m) -> { }).orElseThrow();
    assertEquals("http://127.0.0.1:5000", server.server().toString());
    assertEquals("tok", server.token());
    assertTrue(log.isEmpty(), log.toString());
    // databricks without a workspace: a warning, and no tracking
    List<Level> levels = new ArrayList<>();
    assertTrue(Tracking.target(tracking("tracking.mlflow_uri=databricks").tracking(), Map.<String, String>of()::get,
        (l, m) -> levels.add(l)).isEmpty());
    assertEquals(List.of(Level.WARNING), levels);
  }

  @Test
  void badTrackingSettingsNameTheirKey() {
    ConfigException uri = assertThrows(ConfigException.class, () -> tracking("tracking.mlflow_uri=ftp://x"));
    assertTrue(uri.getMessage().contains("tracking.mlflow_uri"), uri.getMessage());
    ConfigException env = assertThrows(ConfigException.class, () -> tracking("tracking.token_env=dapi-123!"));
    assertTrue(env.getMessage().contains("tracking.token_env") && !env.getMessage().contains("dapi-123"),
        env.getMessage());
    ConfigException exp = assertThrows(ConfigException.class, () -> tracking("tracking.experiment=it's"));
    assertTrue(exp.getMessage().contains("tracking.experiment"), exp.getMessage());
    assertFalse(tracking("tracking.mlflow_uri=https://mlflow.example.com/base").tracking().mlflowUri().isEmpty());
  }

  @Test
  void databricksYamlTracksToTheWorkspace() {
    RaifConfig c = ConfigLoader.load(List.of(Path.of(System.getProperty("raif.repo.root"), "conf/databricks.yaml")),
        List.of());
    assertEquals("databricks", c.tracking().mlflowUri());
    assertEquals("/Shared/raif", c.tracking().experiment());
  }
}
