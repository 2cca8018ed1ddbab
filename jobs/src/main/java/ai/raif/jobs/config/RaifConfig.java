package ai.raif.jobs.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The whole configuration, bound strictly from YAML (conf/local.yaml defaults, then --conf files, then --set).
 * Sections are added by the issues that need them; every key is documented in conf/local.yaml.
 */
public record RaifConfig(Model model, Generation generation, Run run, Tables tables, Spark spark, Prompts prompts,
    Rollout rollout, Reward reward, Judge judge, Supcot supcot) {

  public static final List<String> STAGES = List.of("prompts", "rollout", "reward", "contrast");

  /** Which weights to run. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Model(String path, int threads) {}

  /** Sampling settings of the CLI's generate/chat/serve commands. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Generation(int maxNewTokens, double temperature, double topP, int topK, long seed, String systemPrompt) {}

  /** Which run and iteration the pipeline works on. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Run(String id, int iteration, int iterations, String stopAfter, long seed) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Tables(String root) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Spark(String master, int taskMaxFailures) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Prompts(String source, int limit, String split) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Rollout(int reasoningSamples, int directSamples, int maxNewTokens, double temperature, double topP,
      int topK, int batchSize, int partitions, int maxPromptTokens, int gpusPerTask) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Reward(String fidelity) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Judge(String backend, String model, String url, String apiKeyEnv, int timeoutS, int maxRetries,
      int concurrency, int maxInputTokens) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Supcot(String mode) {}

  /** Range checks that the YAML types cannot express; messages name the key. */
  public RaifConfig validate() {
    check(model.path() != null && !model.path().isBlank(), "model.path", model.path(), "must not be empty");
    check(model.threads() >= 0, "model.threads", model.threads(), "must be >= 0");
    check(generation.maxNewTokens() >= 1, "generation.max_new_tokens", generation.maxNewTokens(), "must be >= 1");
    check(generation.temperature() >= 0, "generation.temperature", generation.temperature(), "must be >= 0");
    check(generation.topP() > 0 && generation.topP() <= 1, "generation.top_p", generation.topP(), "must be in (0, 1]");
    check(generation.topK() >= 0, "generation.top_k", generation.topK(), "must be >= 0");
    check(run.id() != null && run.id().matches("[A-Za-z0-9_.-]+"), "run.id", run.id(),
        "must be non-empty letters, digits, '_', '.' or '-'");
    check(run.iteration() >= 0, "run.iteration", run.iteration(), "must be >= 0");
    check(run.iterations() >= 1, "run.iterations", run.iterations(), "must be >= 1");
    oneOf("run.stop_after", run.stopAfter(), STAGES);
    check(tables.root() != null && !tables.root().isBlank(), "tables.root", tables.root(), "must not be empty");
    check(spark.taskMaxFailures() >= 1, "spark.task_max_failures", spark.taskMaxFailures(), "must be >= 1");
    check(prompts.source() != null && !prompts.source().isBlank(), "prompts.source", prompts.source(),
        "must be 'builtin' or a JSONL file");
    check(prompts.limit() >= 0, "prompts.limit", prompts.limit(), "must be >= 0");
    oneOf("prompts.split", prompts.split(), List.of("train", "eval", "all"));
    check(rollout.reasoningSamples() >= 1, "rollout.reasoning_samples", rollout.reasoningSamples(), "must be >= 1");
    check(rollout.directSamples() >= 0, "rollout.direct_samples", rollout.directSamples(), "must be >= 0");
    check(rollout.maxNewTokens() >= 1, "rollout.max_new_tokens", rollout.maxNewTokens(), "must be >= 1");
    check(rollout.temperature() >= 0, "rollout.temperature", rollout.temperature(), "must be >= 0");
    check(rollout.topP() > 0 && rollout.topP() <= 1, "rollout.top_p", rollout.topP(), "must be in (0, 1]");
    check(rollout.topK() >= 0, "rollout.top_k", rollout.topK(), "must be >= 0");
    check(rollout.batchSize() >= 1, "rollout.batch_size", rollout.batchSize(), "must be >= 1");
    check(rollout.partitions() >= 0, "rollout.partitions", rollout.partitions(), "must be >= 0");
    check(rollout.maxPromptTokens() >= 1, "rollout.max_prompt_tokens", rollout.maxPromptTokens(), "must be >= 1");
    check(rollout.gpusPerTask() >= 0, "rollout.gpus_per_task", rollout.gpusPerTask(), "must be >= 0");
    oneOf("reward.fidelity", reward.fidelity(), List.of("paper", "code_faithful"));
    oneOf("judge.backend", judge.backend(), List.of("local", "openai"));
    check(judge.timeoutS() >= 1, "judge.timeout_s", judge.timeoutS(), "must be >= 1");
    check(judge.maxRetries() >= 0, "judge.max_retries", judge.maxRetries(), "must be >= 0");
    check(judge.concurrency() >= 1, "judge.concurrency", judge.concurrency(), "must be >= 1");
    check(judge.maxInputTokens() >= 64, "judge.max_input_tokens", judge.maxInputTokens(), "must be >= 64");
    // the value is not echoed: a user who got this wrong may have pasted the key itself
    if (judge.apiKeyEnv() == null || !judge.apiKeyEnv().matches("([A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new ConfigException("judge.api_key_env must be the NAME of an environment variable, e.g. "
          + "RAIF_JUDGE_API_KEY, or empty for a server without a key (the key itself never goes in a config)");
    }
    oneOf("supcot.mode", supcot.mode(), List.of("paper", "code_faithful", "off"));
    return this;
  }

  private static void oneOf(String key, String value, List<String> allowed) {
    check(allowed.contains(value), key, value, "must be one of " + String.join(", ", allowed));
  }

  private static void check(boolean ok, String key, Object value, String rule) {
    if (!ok) throw new ConfigException(key + " " + rule + " (got " + value + ")");
  }
}
