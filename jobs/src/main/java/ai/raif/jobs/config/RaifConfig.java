package ai.raif.jobs.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The whole configuration, bound strictly from YAML (conf/local.yaml defaults, then --conf files, then --set).
 * Sections are added by the issues that need them; every key is documented in conf/local.yaml.
 */
public record RaifConfig(Model model, Generation generation) {

  /** Which weights to run. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Model(String path, int threads) {}

  /** Sampling settings of the CLI's generate/chat/serve commands. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Generation(int maxNewTokens, double temperature, double topP, int topK, long seed, String systemPrompt) {}

  /** Range checks that the YAML types cannot express; messages name the key. */
  public RaifConfig validate() {
    check(model.path() != null && !model.path().isBlank(), "model.path", model.path(), "must not be empty");
    check(model.threads() >= 0, "model.threads", model.threads(), "must be >= 0");
    check(generation.maxNewTokens() >= 1, "generation.max_new_tokens", generation.maxNewTokens(), "must be >= 1");
    check(generation.temperature() >= 0, "generation.temperature", generation.temperature(), "must be >= 0");
    check(generation.topP() > 0 && generation.topP() <= 1, "generation.top_p", generation.topP(), "must be in (0, 1]");
    check(generation.topK() >= 0, "generation.top_k", generation.topK(), "must be >= 0");
    return this;
  }

  private static void check(boolean ok, String key, Object value, String rule) {
    if (!ok) throw new ConfigException(key + " " + rule + " (got " + value + ")");
  }
}
