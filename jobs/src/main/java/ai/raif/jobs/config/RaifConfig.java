package ai.raif.jobs.config;

import ai.raif.rewards.reward.AnswerSubstance;
import ai.raif.rewards.reward.Fidelity;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RolloutMode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;

/**
 * The whole configuration, bound strictly from YAML (conf/local.yaml defaults, then --conf files, then --set).
 * Sections are added by the issues that need them; every key is documented in conf/local.yaml.
 */
public record RaifConfig(Model model, Generation generation, Run run, Tables tables, Spark spark, Prompts prompts,
    Rollout rollout, Reward reward, Judge judge, Supcot supcot, Train train, Guard guard, Demo demo, Eval eval,
    Evolve evolve, Tracking tracking) {

  public static final List<String> STAGES = List.of("prompts", "rollout", "reward", "contrast", "train");

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
  public record Prompts(String source, int limit, String split, String order) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Rollout(int reasoningSamples, int directSamples, int chatSamples, int maxNewTokens, double temperature, double topP,
      int topK, int batchSize, String batching, int partitions, int maxPromptTokens, int gpusPerTask, int dynamicMinGroups,
      int dynamicMaxDraws) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Reward(String fidelity, double copyLimit, int minAnswerWords) {
    /** The reward functions' settings, built here only. */
    public RewardConfig rewardConfig() {
      return RewardConfig.of(Fidelity.valueOf(fidelity.toUpperCase(Locale.ROOT)))
          .withSubstance(new AnswerSubstance(copyLimit, minAnswerWords));
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Judge(String backend, String model, String url, String apiKeyEnv, int timeoutS, int maxRetries,
      int concurrency, int maxInputTokens) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Supcot(String mode) {}

  /** The GRPO trainer on the driver (raif-spec §4.3, §4.4, §6). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Train(String checkpointRoot, double lr, double warmupFraction, int scheduleSteps, int batchSize,
      int microBatch, int epochs, double clipLow, double clipHigh, String kl, double beta, String aggregation,
      double bcCoef, int bcBatchSize, boolean bcIncludePrompt, String bcSource, int bcVerifiedPerPrompt, double bcDecay,
      boolean bcRepair, int bcAddedRules, String bcFormats, String grpoModes, double adamBeta1, double adamBeta2,
      double weightDecay, double maxGradNorm, int saveEvery, boolean probeCheck) {}

  /** Thresholds that stop a run that is collapsing; a value of 0 switches its check off. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Guard(double minEntropy, double maxKl, double minResponseTokens, double maxFormatPassDrop) {}

  /** {@code raif demo}: held-out evaluation around a few iterations. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Demo(int evalPrompts, int evalMaxNewTokens, String evalModes) {}

  /** {@code raif eval}: how benchmark answers are generated, where results go, and the benchmark files. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Eval(String mode, int maxNewTokens, double temperature, String outputDir, EvalData data, int curveEvery,
      int curvePrompts, String curveModes, int curveMaxNewTokens) {}

  /** Benchmark files by benchmark; "" = none configured (then --data is required). */
  public record EvalData(String ifeval, String ifbench, String infobench, String followbench, String complexbench) {}

  /** {@code raif evolve}: seed instructions in, a prompts file with verifiable labels out (raif-spec §7). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Evolve(String seeds, String output, long seed, int variants, int minConstraints, int maxConstraints,
      int andWeight, int chainWeight, int selectionWeight, double evalShare, int partitions, String teacherUrl,
      String teacherModel, String teacherApiKeyEnv, int teacherTimeoutS, int teacherMaxRetries, int teacherMaxTokens,
      double complexShare) {}

  /**
   * Experiment tracking to MLflow ({@code ai.raif.jobs.tracking}): where, under which experiment, and the deadlines of
   * its calls. The token is read from the environment variable named by {@code tokenEnv}, never from a config.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Tracking(String mlflowUri, String experiment, String tokenEnv, int timeoutS, int maxRetries) {}

  /** Range checks that the YAML types cannot express; messages name the key. */
  public RaifConfig validate() {
    check(model.path() != null && !model.path().isBlank(), "model.path", model.path(), "must not be empty");
    check(model.threads() >= 0, "model.threads", model.threads(), "must be >= 0");
    check(generation.maxNewTokens() >= 1, "generation.max_new_tokens", generation.maxNewTokens(), "must be >= 1");
    check(generation.temperature() >= 0, "generation.temperature", generation.temperature(), "must be >= 0");
    check(generation.topP() > 0 && generation.topP() <= 1, "generation.top_p", generation.topP(), "must be in (0, 1]");
    check(generation.topK() >= 0, "generation.top_k", generation.topK(), "must be >= 0");
    // a run id names directories under every storage root: "." or ".." would step outside them
    check(run.id() != null && run.id().matches("[A-Za-z0-9_.-]+") && !run.id().matches("\\.+"), "run.id", run.id(),
        "must be non-empty letters, digits, '_', '.' or '-', and not only dots");
    check(run.iteration() >= 0, "run.iteration", run.iteration(), "must be >= 0");
    check(run.iterations() >= 1, "run.iterations", run.iterations(), "must be >= 1");
    oneOf("run.stop_after", run.stopAfter(), STAGES);
    check(tables.root() != null && !tables.root().isBlank(), "tables.root", tables.root(), "must not be empty");
    check(spark.taskMaxFailures() >= 1, "spark.task_max_failures", spark.taskMaxFailures(), "must be >= 1");
    check(prompts.source() != null && !prompts.source().isBlank(), "prompts.source", prompts.source(),
        "must be 'builtin' or a JSONL file");
    check(prompts.limit() >= 0, "prompts.limit", prompts.limit(), "must be >= 0");
    oneOf("prompts.split", prompts.split(), List.of("train", "eval", "all"));
    oneOf("prompts.order", prompts.order(), List.of("fixed", "cursor"));
    // 0 reasoning samples is for generating direct answers only (raif eval --set eval.mode=direct)
    check(rollout.reasoningSamples() >= 0, "rollout.reasoning_samples", rollout.reasoningSamples(), "must be >= 0");
    check(rollout.reasoningSamples() + rollout.directSamples() + rollout.chatSamples() >= 1,
        "rollout.reasoning_samples", rollout.reasoningSamples(),
        "must be >= 1 when rollout.direct_samples and rollout.chat_samples are 0");
    check(rollout.directSamples() >= 0, "rollout.direct_samples", rollout.directSamples(), "must be >= 0");
    check(rollout.chatSamples() >= 0, "rollout.chat_samples", rollout.chatSamples(), "must be >= 0");
    check(rollout.maxNewTokens() >= 1, "rollout.max_new_tokens", rollout.maxNewTokens(), "must be >= 1");
    check(rollout.temperature() >= 0, "rollout.temperature", rollout.temperature(), "must be >= 0");
    check(rollout.topP() > 0 && rollout.topP() <= 1, "rollout.top_p", rollout.topP(), "must be in (0, 1]");
    check(rollout.topK() >= 0, "rollout.top_k", rollout.topK(), "must be >= 0");
    check(rollout.batchSize() >= 1, "rollout.batch_size", rollout.batchSize(), "must be >= 1");
    oneOf("rollout.batching", rollout.batching(), List.of("continuous", "static"));
    check(rollout.partitions() >= 0, "rollout.partitions", rollout.partitions(), "must be >= 0");
    check(rollout.maxPromptTokens() >= 1, "rollout.max_prompt_tokens", rollout.maxPromptTokens(), "must be >= 1");
    check(rollout.gpusPerTask() >= 0, "rollout.gpus_per_task", rollout.gpusPerTask(), "must be >= 0");
    check(rollout.dynamicMinGroups() >= 0, "rollout.dynamic_min_groups", rollout.dynamicMinGroups(), "must be >= 0");
    check(rollout.dynamicMaxDraws() >= 1, "rollout.dynamic_max_draws", rollout.dynamicMaxDraws(), "must be >= 1");
    check(rollout.dynamicMinGroups() == 0 || (prompts.order().equals("cursor") && prompts.limit() > 0),
        "rollout.dynamic_min_groups", rollout.dynamicMinGroups(),
        "needs prompts.order: cursor and a prompts.limit (the size of each draw)");
    oneOf("reward.fidelity", reward.fidelity(), List.of("paper", "code_faithful"));
    check(reward.copyLimit() >= 0 && reward.copyLimit() <= 1, "reward.copy_limit", reward.copyLimit(),
        "must be in [0, 1]");
    check(reward.minAnswerWords() >= 0, "reward.min_answer_words", reward.minAnswerWords(), "must be >= 0");
    oneOf("judge.backend", judge.backend(), List.of("local", "openai"));
    check(judge.timeoutS() >= 1, "judge.timeout_s", judge.timeoutS(), "must be >= 1");
    check(judge.maxRetries() >= 0, "judge.max_retries", judge.maxRetries(), "must be >= 0");
    check(judge.concurrency() >= 1, "judge.concurrency", judge.concurrency(), "must be >= 1");
    check(judge.maxInputTokens() >= 64, "judge.max_input_tokens", judge.maxInputTokens(), "must be >= 64");
    apiKeyEnv("judge.api_key_env", judge.apiKeyEnv());
    oneOf("supcot.mode", supcot.mode(), List.of("paper", "code_faithful", "off"));
    check(train.checkpointRoot() != null && !train.checkpointRoot().isBlank(), "train.checkpoint_root",
        train.checkpointRoot(), "must not be empty");
    check(train.lr() >= 0 && Double.isFinite(train.lr()), "train.lr", train.lr(), "must be >= 0");
    check(train.warmupFraction() >= 0 && train.warmupFraction() < 1, "train.warmup_fraction",
        train.warmupFraction(), "must be in [0, 1)");
    check(train.scheduleSteps() >= 0, "train.schedule_steps", train.scheduleSteps(), "must be >= 0");
    check(train.batchSize() >= 1, "train.batch_size", train.batchSize(), "must be >= 1");
    check(train.microBatch() >= 1, "train.micro_batch", train.microBatch(), "must be >= 1");
    check(train.epochs() >= 1, "train.epochs", train.epochs(), "must be >= 1");
    check(train.clipLow() >= 0 && train.clipLow() < 1, "train.clip_low", train.clipLow(), "must be in [0, 1)");
    check(train.clipHigh() >= 0, "train.clip_high", train.clipHigh(), "must be >= 0");
    oneOf("train.kl", train.kl(), List.of("k1", "k2", "k3"));
    check(train.beta() >= 0, "train.beta", train.beta(), "must be >= 0");
    oneOf("train.aggregation", train.aggregation(), List.of("sequence_mean", "token_mean"));
    check(train.bcCoef() >= 0, "train.bc_coef", train.bcCoef(), "must be >= 0");
    check(train.bcBatchSize() >= 0, "train.bc_batch_size", train.bcBatchSize(), "must be >= 0");
    oneOf("train.bc_source", train.bcSource(), List.of("experts", "verified", "both"));
    check(train.bcVerifiedPerPrompt() >= 1, "train.bc_verified_per_prompt", train.bcVerifiedPerPrompt(),
        "must be >= 1");
    check(train.bcAddedRules() >= 0, "train.bc_added_rules", train.bcAddedRules(), "must be >= 0");
    check(train.bcAddedRules() == 0 || !train.bcSource().equals("experts"), "train.bc_added_rules",
        train.bcAddedRules(), "adds rules to the iteration's answers, so train.bc_source must be verified or both");
    modes("train.bc_formats", train.bcFormats());
    check(!RolloutMode.listOf(train.bcFormats()).contains(RolloutMode.DIRECT), "train.bc_formats",
        train.bcFormats(), "think or chat: a direct target is a think target with its reasoning left out");
    modes("train.grpo_modes", train.grpoModes());
    check(!RolloutMode.listOf(train.grpoModes()).contains(RolloutMode.DIRECT), "train.grpo_modes",
        train.grpoModes(), "think or chat: direct rollouts are superior-CoT's reference, never trained");
    check(train.bcDecay() > 0 && train.bcDecay() <= 1, "train.bc_decay", train.bcDecay(), "must be in (0, 1]");
    check(!train.bcRepair() || !train.bcSource().equals("experts"), "train.bc_repair", train.bcRepair(),
        "repairs the iteration's answers, so train.bc_source must be verified or both");
    check(train.adamBeta1() >= 0 && train.adamBeta1() < 1, "train.adam_beta1", train.adamBeta1(), "must be in [0, 1)");
    check(train.adamBeta2() >= 0 && train.adamBeta2() < 1, "train.adam_beta2", train.adamBeta2(), "must be in [0, 1)");
    check(train.weightDecay() >= 0, "train.weight_decay", train.weightDecay(), "must be >= 0");
    check(train.maxGradNorm() > 0, "train.max_grad_norm", train.maxGradNorm(), "must be > 0");
    check(guard.minEntropy() >= 0, "guard.min_entropy", guard.minEntropy(), "must be >= 0");
    check(guard.maxKl() >= 0, "guard.max_kl", guard.maxKl(), "must be >= 0");
    check(guard.minResponseTokens() >= 0, "guard.min_response_tokens", guard.minResponseTokens(), "must be >= 0");
    check(guard.maxFormatPassDrop() >= 0 && guard.maxFormatPassDrop() <= 1, "guard.max_format_pass_drop",
        guard.maxFormatPassDrop(), "must be in [0, 1]");
    check(demo.evalPrompts() >= 0, "demo.eval_prompts", demo.evalPrompts(), "must be >= 0 (0 = the whole set)");
    check(demo.evalMaxNewTokens() >= 1, "demo.eval_max_new_tokens", demo.evalMaxNewTokens(), "must be >= 1");
    check(train.saveEvery() >= 1, "train.save_every", train.saveEvery(), "must be >= 1");
    oneOf("eval.mode", eval.mode(), List.of("think", "direct", "chat"));
    check(eval.maxNewTokens() >= 1, "eval.max_new_tokens", eval.maxNewTokens(), "must be >= 1");
    check(eval.curveEvery() >= 0, "eval.curve_every", eval.curveEvery(), "must be >= 0");
    check(eval.curvePrompts() >= 0, "eval.curve_prompts", eval.curvePrompts(), "must be >= 0");
    check(eval.curveMaxNewTokens() >= 1, "eval.curve_max_new_tokens", eval.curveMaxNewTokens(), "must be >= 1");
    modes("eval.curve_modes", eval.curveModes());
    modes("demo.eval_modes", demo.evalModes());
    check(eval.temperature() >= 0, "eval.temperature", eval.temperature(), "must be >= 0");

    check(evolve.seeds() != null && !evolve.seeds().isBlank(), "evolve.seeds", evolve.seeds(),
        "must be 'builtin' or a JSONL file");
    check(evolve.output() != null && !evolve.output().isBlank(), "evolve.output", evolve.output(), "must not be empty");
    check(evolve.variants() >= 1, "evolve.variants", evolve.variants(), "must be >= 1");
    check(evolve.minConstraints() >= 1, "evolve.min_constraints", evolve.minConstraints(), "must be >= 1");
    check(evolve.maxConstraints() >= evolve.minConstraints(), "evolve.max_constraints", evolve.maxConstraints(),
        "must be >= evolve.min_constraints");
    check(evolve.andWeight() >= 0 && evolve.chainWeight() >= 0 && evolve.selectionWeight() >= 0
        && evolve.andWeight() + evolve.chainWeight() + evolve.selectionWeight() > 0, "evolve.and_weight",
        evolve.andWeight() + "/" + evolve.chainWeight() + "/" + evolve.selectionWeight(),
        "and the chain and selection weights must be >= 0 and not all 0");
    check(evolve.evalShare() >= 0 && evolve.evalShare() <= 1, "evolve.eval_share", evolve.evalShare(), "must be in [0, 1]");
    check(evolve.partitions() >= 0, "evolve.partitions", evolve.partitions(), "must be >= 0");
    check(evolve.teacherTimeoutS() >= 1, "evolve.teacher_timeout_s", evolve.teacherTimeoutS(), "must be >= 1");
    check(evolve.teacherMaxRetries() >= 0, "evolve.teacher_max_retries", evolve.teacherMaxRetries(), "must be >= 0");
    check(evolve.teacherMaxTokens() >= 1, "evolve.teacher_max_tokens", evolve.teacherMaxTokens(), "must be >= 1");
    check(evolve.complexShare() >= 0 && evolve.complexShare() <= 1, "evolve.complex_share", evolve.complexShare(),
        "must be in [0, 1]");
    apiKeyEnv("evolve.teacher_api_key_env", evolve.teacherApiKeyEnv());
    String uri = tracking.mlflowUri() == null ? "" : tracking.mlflowUri().strip();
    // "false": YAML reads an unquoted off as a boolean
    check(List.of("", "none", "false", "databricks").contains(uri) || uri.matches("https?://[^/\\s]+(/\\S*)?"),
        "tracking.mlflow_uri", uri, "must be empty, none, databricks or an http(s):// URL of an MLflow server");
    // quoted in MLflow's search filters, which have no escape for a quote
    check(tracking.experiment() != null && !tracking.experiment().isBlank() && tracking.experiment().length() <= 500
        && !tracking.experiment().contains("'"), "tracking.experiment", tracking.experiment(),
        "must be a name of 1 to 500 characters without a single quote");
    apiKeyEnv("tracking.token_env", tracking.tokenEnv());
    check(tracking.timeoutS() >= 1, "tracking.timeout_s", tracking.timeoutS(), "must be >= 1");
    check(tracking.maxRetries() >= 0, "tracking.max_retries", tracking.maxRetries(), "must be >= 0");
    return this;
  }

  private static void apiKeyEnv(String key, String value) {
    // the value is not echoed: a user who got this wrong may have pasted the key itself
    if (value == null || !value.matches("([A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new ConfigException(key + " must be the NAME of an environment variable, e.g. "
          + "RAIF_JUDGE_API_KEY, or empty for a server without a key (the key itself never goes in a config)");
    }
  }

  private static void modes(String key, String value) {
    try {
      RolloutMode.listOf(value);
    } catch (IllegalArgumentException e) {
      check(false, key, value, "must be 'all' or a comma list of think, direct, chat");
    }
  }

  private static void oneOf(String key, String value, List<String> allowed) {
    check(allowed.contains(value), key, value, "must be one of " + String.join(", ", allowed));
  }

  private static void check(boolean ok, String key, Object value, String rule) {
    if (!ok) throw new ConfigException(key + " " + rule + " (got " + value + ")");
  }
}
