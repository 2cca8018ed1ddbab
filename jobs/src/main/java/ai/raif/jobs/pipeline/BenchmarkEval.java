package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.Constraint;
import ai.raif.rewards.eval.Benchmark;
import ai.raif.rewards.eval.BenchmarkAnswer;
import ai.raif.rewards.eval.JudgedBenchmark;
import ai.raif.rewards.eval.JudgedItem;
import ai.raif.rewards.eval.Metric;
import ai.raif.rewards.ifbench.IfbenchEvaluation;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalEvaluation;
import ai.raif.rewards.ifeval.IfevalInput;
import ai.raif.rewards.ifeval.IfevalMetrics;
import ai.raif.rewards.ifeval.IfevalReport;
import ai.raif.rewards.ifeval.IfevalResult;
import ai.raif.rewards.ifeval.PyStrings;
import ai.raif.rewards.ifeval.RuleBenchmark;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.reward.AnswerSubstance;
import ai.raif.rewards.reward.PolicyOutput;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.checkpoint.CheckpointFiles;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.udfs.judge.JudgeRows;
import ai.raif.udfs.storage.SharedFiles;
import ai.raif.udfs.storage.StorageRoot;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * {@code raif eval}: one benchmark on one checkpoint. The benchmark's prompts become the prompt set of an evaluation
 * run whose id is a hash of everything that shapes the generations (checkpoint, data, settings), so a rerun or a
 * resumed kill reuses what was generated and a change never reuses stale text. The rollout stage generates one answer
 * per prompt on the executors; reasoning is stripped ({@link BenchmarkAnswer}); IFEval and IFBench are scored with
 * their reference protocol, writing the reference's files under {@code eval.output_dir/<eval run>/}; the judge-scored
 * benchmarks go through the pipeline's judge and its cache. The metrics replace earlier ones in {@code eval_results}.
 */
public final class BenchmarkEval {
  /** The name of {@link #substantive}'s metric in {@code eval_results}. */
  public static final String SUBSTANTIVE = "prompt_level_strict_substantive_acc";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param limit the first N prompts of the file; 0 = all
   * @param name the benchmark's name in {@code eval_results}: its id, or another name for a set of the same format
   *     (the held-out set is {@code heldout}, so it never replaces a checkpoint's IFEval results)
   */
  public record Request(Benchmark benchmark, Path data, int limit, String name) {
    public Request(Benchmark benchmark, Path data, int limit) {
      this(benchmark, data, limit, benchmark.id());
    }
  }

  /**
   * @param errors prompts whose generation failed (scored as empty answers)
   * @param skipped rows of the benchmark file that could not be used, each naming row, field and reason
   */
  public record Result(String checkpoint, String evalRun, List<Metric> metrics, long prompts, long errors,
      List<String> skipped, String outputDir) {}

  private record Prompt(String key, String text) {}

  private BenchmarkEval() {}

  /**
   * How results name a model: {@code default}, the absolute path of the GGUF file or checkpoint directory, or its URI
   * in Hadoop's normal form.
   */
  public static String checkpointLabel(String modelPath) {
    return modelPath.equals("default") ? modelPath : StorageRoot.of(modelPath).location();
  }

  /**
   * The settings that turn {@code config} into the evaluation run of {@code request}: one sample in {@code eval.mode},
   * eval's settings.
   */
  public static List<String> overrides(RaifConfig config, Request request) {
    RaifConfig.Eval e = config.eval();
    RolloutMode mode = RolloutMode.of(e.mode());
    return List.of("run.id=" + evalRun(config, request), "run.iteration=0", "prompts.split=eval", "prompts.limit=0",
        "rollout.reasoning_samples=" + (mode == RolloutMode.THINK ? 1 : 0),
        "rollout.direct_samples=" + (mode == RolloutMode.DIRECT ? 1 : 0),
        "rollout.chat_samples=" + (mode == RolloutMode.CHAT ? 1 : 0),
        "rollout.temperature=" + e.temperature(), "rollout.max_new_tokens=" + e.maxNewTokens());
  }

  /**
   * @param config the user's configuration (its run id names the results)
   * @param evalConfig {@code config} with {@link #overrides} applied
   */
  public static Result run(SparkSession spark, RaifConfig config, RaifConfig evalConfig, Request request,
      PrintStream log) {
    Benchmark benchmark = request.benchmark();
    List<IfevalInput> ruleInputs = benchmark.judged() ? List.of() : ruleInputs(request);
    checkRules(request, ruleInputs);
    JudgedBenchmark judged = benchmark.judged()
        ? JudgedBenchmark.read(benchmark, request.data(), request.limit()) : null;
    List<Prompt> prompts = new ArrayList<>();
    if (judged != null) {
      for (JudgedItem i : judged.items()) prompts.add(new Prompt(i.key(), i.prompt()));
    } else {
      for (IfevalInput i : ruleInputs) prompts.add(new Prompt(i.key(), i.prompt()));
    }
    if (prompts.isEmpty()) throw new IllegalArgumentException(request.data() + ": no usable " + benchmark.id() + " rows");

    PipelineContext ctx = PipelineContext.of(spark, evalConfig, 0);
    Pipeline.run(ctx, () -> PromptsStage.load(ctx, promptLines(spark, prompts, benchmark)), log);
    Pipeline.runStage(ctx, Pipeline.Stage.ROLLOUT, log);
    Map<String, String> answers = new HashMap<>();
    RolloutMode mode = RolloutMode.of(config.eval().mode());
    long errors = 0;
    for (Row r : ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), 0)
        .select("prompt_id", "prompt_text", "response", "error").collectAsList()) {
      boolean failed = !r.isNullAt(3) || r.isNullAt(2);
      errors += failed ? 1 : 0;
      answers.put(r.getString(0), failed ? "" : BenchmarkAnswer.of(PolicyOutput.of(r.getString(1), r.getString(2)), mode));
    }

    // IFEval's protocol reads and writes local files: on shared storage they are written in a local scratch
    // directory and published to eval.output_dir as a whole
    String target = StorageRoot.of(config.eval().outputDir()).resolve(ctx.runId());
    boolean shared = StorageRoot.isUri(target);
    List<Metric> metrics;
    if (judged != null) {
      metrics = judgedMetrics(ctx, judged, answers);
    } else {
      Path outDir = shared ? scratch() : Path.of(target);
      try {
        metrics = ruleMetrics(request, ruleInputs, answers, outDir);
        if (shared) SharedFiles.publishDirectory(outDir, target);
      } finally {
        if (shared) deleteScratch(outDir);
      }
    }
    String checkpoint = checkpointLabel(config.model().path());
    EvalResults.write(ctx.tables(), spark, EvalResults.rows(config.run().id(), checkpoint, request.name(),
        config.eval().mode(), ctx.runId(), request.data().toAbsolutePath().toString(), metrics));
    return new Result(checkpoint, ctx.runId(), metrics, prompts.size(), errors,
        judged == null ? List.of() : judged.skipped(), judged == null ? target : null);
  }

  /**
   * Binds every rule of {@code inputs} to the benchmark's checkers before anything is generated: a rule they cannot
   * read would otherwise fail the scoring after the whole generation. Names each bad row, its rule and the reason.
   */
  static void checkRules(Request request, List<IfevalInput> inputs) {
    RuleBenchmark rules = ruleBenchmark(request.benchmark());
    List<String> problems = new ArrayList<>();
    for (int row = 0; row < inputs.size(); row++) {
      IfevalInput input = inputs.get(row);
      List<Constraint> constraints;
      try {
        constraints = input.constraints();
      } catch (IllegalArgumentException e) {
        problems.add("row " + (row + 1) + " (key " + input.key() + "): " + e.getMessage());
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        try {
          rules.registry().bind(constraints.get(i));
        } catch (IllegalArgumentException e) {
          problems.add("row " + (row + 1) + " (key " + input.key() + ") instruction_id_list[" + i + "] "
              + constraints.get(i).id() + ": " + e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(request.data() + ": " + problems.size() + " rule(s) the " + rules.name()
          + " checkers cannot read, nothing generated: " + String.join("; ", problems.subList(0,
          Math.min(5, problems.size()))) + (problems.size() > 5 ? "; ..." : ""));
    }
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("raif-eval-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a local scratch directory for the evaluation files", e);
    }
  }

  /** Best effort: the files are published (or their failure is being reported); a leftover temp dir harms nothing. */
  private static void deleteScratch(Path dir) {
    try {
      CheckpointFiles.deleteTree(dir);
    } catch (IOException e) {
      System.err.println("raif eval: could not delete the scratch directory " + dir + ": " + e.getMessage());
    }
  }

  private static RuleBenchmark ruleBenchmark(Benchmark benchmark) {
    return benchmark == Benchmark.IFBENCH ? IfbenchEvaluation.IFBENCH : RuleBenchmark.IFEVAL;
  }

  private static List<IfevalInput> ruleInputs(Request request) {
    List<IfevalInput> all = IfevalData.readInputs(request.data());
    return request.limit() > 0 && request.limit() < all.size() ? all.subList(0, request.limit()) : all;
  }

  /**
   * IFEval's protocol (IFBench's is the same with its own checkers) on the stripped answers, through the files
   * {@code raif ifeval} reads and writes.
   */
  private static List<Metric> ruleMetrics(Request request, List<IfevalInput> inputs, Map<String, String> answers,
      Path outDir) {
    try {
      Files.createDirectories(outDir);
      Path inputFile = outDir.resolve("input_data.jsonl");
      // the rows IfevalData read, verbatim: its blank-line rule (Python's), then the first inputs.size()
      List<String> rows = Files.readAllLines(request.data(), StandardCharsets.UTF_8).stream()
          .filter(l -> !PyStrings.isBlank(l)).limit(inputs.size()).toList();
      Files.writeString(inputFile, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
      Path responseFile = outDir.resolve("input_response_data.jsonl");
      StringBuilder responses = new StringBuilder();
      for (IfevalInput i : inputs) {
        ObjectNode row = JSON.createObjectNode().put("prompt", i.prompt())
            .put("response", answers.getOrDefault(i.key(), ""));
        responses.append(JSON.writeValueAsString(row)).append('\n');
      }
      Files.writeString(responseFile, responses, StandardCharsets.UTF_8);
      RuleBenchmark rules = ruleBenchmark(request.benchmark());
      IfevalMetrics m = IfevalEvaluation.run(rules, inputFile, responseFile, outDir);
      return List.of(accuracy("prompt_level_strict_acc", m.strict(), true),
          accuracy("inst_level_strict_acc", m.strict(), false),
          accuracy("prompt_level_loose_acc", m.loose(), true),
          accuracy("inst_level_loose_acc", m.loose(), false),
          substantive(inputs, m.strictResults()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation files under " + outDir, e);
    }
  }

  /**
   * Prompt-level strict accuracy counting only answers that attempt the task ({@link AnswerSubstance#HELD_OUT}):
   * IFEval passes an answer that restates the rules or says a few words whenever the rules only forbid things.
   */
  static Metric substantive(List<IfevalInput> inputs, List<IfevalResult> strict) {
    long passed = 0;
    for (int i = 0; i < inputs.size(); i++) {
      IfevalInput in = inputs.get(i);
      IfevalResult r = strict.get(i);
      if (r.followedAll() && AnswerSubstance.HELD_OUT.judge(r.response(), in.constraints(), in.prompt())
          == AnswerSubstance.Verdict.SUBSTANTIVE) {
        passed++;
      }
    }
    return new Metric(SUBSTANTIVE, inputs.isEmpty() ? 0 : (double) passed / inputs.size(), inputs.size());
  }

  private static Metric accuracy(String name, IfevalReport report, boolean promptLevel) {
    var tally = promptLevel ? report.prompts() : report.instructions();
    return new Metric(name, promptLevel ? report.promptLevel() : report.instructionLevel(), tally.total());
  }

  /** Asks the judge every question about every non-empty answer (cached verdicts are reused). */
  private static List<Metric> judgedMetrics(PipelineContext ctx, JudgedBenchmark judged, Map<String, String> answers) {
    List<Row> questions = new ArrayList<>();
    for (JudgedItem item : judged.items()) {
      String answer = answers.getOrDefault(item.key(), "");
      if (answer.isEmpty()) continue; // nothing to judge: every question of an empty answer counts as NO
      String instruction = JudgePrompt.instruction(null, item.prompt());
      String hash = JudgeRows.hash(instruction, answer);
      for (int q = 0; q < item.questions().size(); q++) {
        questions.add(RowFactory.create(ctx.runId(), 0, item.key(), ctx.config().eval().mode(), 0, q,
            item.questions().get(q), instruction, answer, hash));
      }
    }
    Map<String, Map<Integer, Boolean>> byItem = new HashMap<>();
    if (!questions.isEmpty()) {
      List<JudgeStage.Counts> counts = new ArrayList<>();
      Dataset<Row> answered = JudgeStage.answer(ctx, ctx.spark().createDataFrame(questions, JudgeRows.QUESTION),
          counts);
      for (Row r : answered.select("prompt_id", "q_idx", "verdict").collectAsList()) {
        byItem.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getInt(1),
            r.isNullAt(2) ? null : r.getBoolean(2));
      }
      answered.unpersist();
    }
    Map<String, List<Boolean>> verdicts = new HashMap<>();
    for (JudgedItem item : judged.items()) {
      Map<Integer, Boolean> v = byItem.getOrDefault(item.key(), Map.of());
      List<Boolean> list = new ArrayList<>();
      for (int q = 0; q < item.questions().size(); q++) list.add(v.get(q));
      verdicts.put(item.key(), list);
    }
    return judged.metrics(verdicts);
  }

  /** The benchmark's prompts as prompt-file lines of the eval split (constraints are scored here, not by rewards). */
  private static org.apache.spark.api.java.JavaRDD<String> promptLines(SparkSession spark, List<Prompt> prompts,
      Benchmark benchmark) {
    List<String> lines = new ArrayList<>();
    for (Prompt p : prompts) {
      ObjectNode row = JSON.createObjectNode().put("prompt_id", p.key())
          .put("source", benchmark.judged() ? "complex" : "ifeval").put("split", "eval");
      row.putArray("messages").addObject().put("role", "user").put("content", p.text());
      try {
        lines.add(JSON.writeValueAsString(row));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(lines, 1);
  }

  /**
   * {@code eval-<benchmark>-<hash>}: the hash covers the checkpoint (its location and its files' names, sizes and
   * times, so a checkpoint rewritten in place is generated for again), the data's bytes, the limit and every setting
   * that shapes the answers.
   */
  static String evalRun(RaifConfig config, Request request) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      RaifConfig.Eval e = config.eval();
      String model = config.model().path();
      String files = SharedFiles.listing(model.equals("default") ? DefaultModel.path().toString()
          : checkpointLabel(model));
      String settings = String.join("\u0000", checkpointLabel(model), files, request.name(),
          String.valueOf(request.limit()), e.mode(), String.valueOf(e.maxNewTokens()), String.valueOf(e.temperature()),
          String.valueOf(config.rollout().topP()), String.valueOf(config.rollout().topK()),
          String.valueOf(config.run().seed()));
      d.update(settings.getBytes(StandardCharsets.UTF_8));
      d.update(Files.readAllBytes(request.data()));
      return "eval-" + request.name() + "-" + HexFormat.of().formatHex(d.digest()).substring(0, 12);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read benchmark file " + request.data(), ex);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is required by every JVM", ex);
    }
  }
}
