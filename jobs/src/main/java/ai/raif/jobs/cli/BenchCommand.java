package ai.raif.jobs.cli;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.bench.Measurement;
import ai.raif.rewards.bench.ResponseVariant;
import ai.raif.rewards.bench.RewardsBenchmark;
import ai.raif.rewards.bench.RewardsWorkload;
import ai.raif.rewards.bench.Verdicts;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.bench.GenerationBenchmark;
import ai.raif.trainer.bench.TrainingBenchmark;
import ai.raif.trainer.sampling.Batching;
import ai.raif.udfs.model.Models;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the hot paths.",
    subcommands = {BenchCommand.Generate.class, BenchCommand.Train.class, BenchCommand.Rewards.class,
        BenchCommand.Rollout.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Prefill and decode tokens/s at several batch sizes, the fp32 GEMM bound, and the same with "
          + "Hugging Face transformers on the same weights when python3 has torch + transformers + gguf "
          + "(RAIF_PYTHON picks the interpreter).")
  static final class Generate implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--batches", split = ",", defaultValue = "1,8,32") List<Integer> batches;

    @Option(names = "--prompt-tokens", defaultValue = "64") int promptTokens;

    @Option(names = "--steps", defaultValue = "32", description = "decode steps per batch") int steps;

    @Option(names = "--rss-steps", defaultValue = "0",
        description = "also run this many decode steps of a continuous batch of 8 rows that requests of up to 24 "
            + "tokens keep joining and leaving, and print RSS every 100 steps") int rssSteps;

    @Option(names = "--no-reference", description = "skip the transformers measurement") boolean noReference;

    @Override
    public Integer call() throws Exception {
      RaifConfig c = common.config();
      String threads = System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
      try (LanguageModel lm = Models.load(c.model().path())) {
        double gflops = GenerationBenchmark.gemmGflops(lm.manager(), 2048, 5);
        System.out.printf(Locale.ROOT, "model %s, torch threads %s%n", lm.source(), threads);
        System.out.printf(Locale.ROOT, "fp32 GEMM 2048^3 in DJL: %.1f GFLOP/s%n", gflops);
        System.out.println("engine        batch  prefill tok/s  decode tok/s  ms/step  decode vs FLOP bound");
        List<String> rows = new ArrayList<>();
        for (int b : batches) {
          GenerationBenchmark.Result r = GenerationBenchmark.run(lm, b, promptTokens, steps);
          double bound = gflops * 1e9 / GenerationBenchmark.flopsPerToken(lm.config(), promptTokens + steps / 2);
          System.out.printf(Locale.ROOT, "raif-djl      %5d  %13.1f  %12.1f  %7.1f  %5.1f%% of %.0f tok/s%n", b,
              r.prefillTokensPerSec(), r.decodeTokensPerSec(), r.decodeMsPerStep(),
              100 * r.decodeTokensPerSec() / bound, bound);
        }
        if (rssSteps > 0) {
          System.out.printf(Locale.ROOT, "RSS over %d continuous-batching decode steps, 8 slots:%n", rssSteps);
          GenerationBenchmark.rssOverLongLoop(lm, 8, rssSteps, 100,
              rss -> System.out.printf(Locale.ROOT, "  %d MB%n", rss >> 20));
        }
        if (!noReference) reference(lm.source(), threads);
      }
      return 0;
    }

    private void reference(String model, String threads) throws IOException, InterruptedException {
      if (!model.endsWith(".gguf")) {
        System.out.println("transformers: skipped (needs a GGUF model)");
        return;
      }
      var rows = PythonReference.run("transformers", "hf_generate.py", List.of("--gguf", model, "--batches",
          String.join(",", batches.stream().map(String::valueOf).toList()), "--prompt-tokens",
          String.valueOf(promptTokens), "--steps", String.valueOf(steps), "--threads", threads));
      for (JsonNode n : rows.orElse(List.of())) {
        System.out.printf(Locale.ROOT, "transformers  %5d  %13.1f  %12.1f  %7.1f  (torch %s)%n", n.get("batch").asInt(),
            n.get("prefill_tok_s").asDouble(), n.get("decode_tok_s").asDouble(),
            n.get("decode_ms_per_step").asDouble(), n.get("torch").asText());
      }
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Training tokens/s (whole optimizer steps: reference forward, policy forward + backward of GRPO "
          + "and behaviour cloning per micro-batch, AdamW) and peak RSS, and the same with Hugging Face transformers "
          + "on the same weights (GGUF or checkpoint directory) when python3 has torch + transformers (+ gguf for a GGUF) "
          + "(RAIF_PYTHON picks the interpreter).")
  static final class Train implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--batch", defaultValue = "8", description = "rollouts per optimizer step") int batch;

    @Option(names = "--micro-batch", defaultValue = "4", description = "sequences per forward/backward pass")
    int microBatch;

    @Option(names = "--prompt-tokens", defaultValue = "128") int promptTokens;

    @Option(names = "--response-tokens", defaultValue = "128") int responseTokens;

    @Option(names = "--experts", defaultValue = "2", description = "expert sequences for behaviour cloning per step")
    int experts;

    @Option(names = "--steps", defaultValue = "3", description = "measured steps, after one warm-up step") int steps;

    @Option(names = "--beta", description = "GRPO KL weight; 0 loads and runs no reference model (default: the "
        + "paper's 0.001)") Double beta;

    @Option(names = "--no-reference", description = "skip the transformers measurement") boolean noReference;

    @Override
    public Integer call() throws Exception {
      RaifConfig c = common.config();
      double kl = beta == null ? TrainingBenchmark.PAPER_BETA : beta;
      if (!(kl >= 0 && Double.isFinite(kl))) throw new IllegalArgumentException("--beta must be >= 0, got " + kl);
      TrainingBenchmark.Workload w = new TrainingBenchmark.Workload(batch, microBatch, promptTokens, responseTokens,
          experts);
      if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
      String threads = System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
      String source;
      TrainingBenchmark.Result r;
      try (LanguageModel policy = Models.load(c.model().path());
           LanguageModel reference = kl > 0 ? Models.load(c.model().path()) : null) {
        source = policy.source();
        System.out.printf(Locale.ROOT, "model %s, torch threads %s%n", source, threads);
        System.out.printf(Locale.ROOT, "per step: %d rollouts + %d expert sequences of %d prompt + %d response tokens, "
                + "micro-batch %d, GRPO beta=%s %s, behaviour cloning coef 1, AdamW; 1 warm-up step, %d measured%n",
            batch, experts, promptTokens, responseTokens, microBatch, kl,
            kl > 0 ? "with a reference model" : "without a reference model", steps);
        r = TrainingBenchmark.run(policy.causalLM(), reference == null ? null : reference.causalLM(),
            policy.manager(), w, kl, steps);
      }
      System.out.println("engine        batch  micro  tokens/step  s/step  tokens/s  peak RSS MB");
      System.out.printf(Locale.ROOT, "raif-djl      %5d  %5d  %11d  %6.2f  %8.1f  %11d%n", batch, microBatch,
          w.tokensPerStep(), r.secondsPerStep(), r.tokensPerSecond(), r.peakRssBytes() >> 20);
      JsonNode ref = noReference ? null : reference(source, threads, kl);
      if (ref != null) {
        System.out.printf(Locale.ROOT, "transformers  %5d  %5d  %11d  %6.2f  %8.1f  %11d%n", ref.get("batch").asInt(),
            ref.get("micro_batch").asInt(), ref.get("tokens_per_step").asLong(), ref.get("seconds_per_step").asDouble(),
            ref.get("tok_s").asDouble(), ref.get("peak_rss_bytes").asLong() >> 20);
        System.out.printf(Locale.ROOT, "transformers %s, torch %s, %d threads; ours / transformers: %.2fx tokens/s%n",
            ref.get("transformers").asText(), ref.get("torch").asText(), ref.get("threads").asInt(),
            r.tokensPerSecond() / ref.get("tok_s").asDouble());
      }
      System.out.printf(Locale.ROOT, "warm-up step %.2f s; loss %.4f (first measured step), %.4f (last)%n",
          r.warmupSeconds(), r.firstLoss(), r.lastLoss());
      System.out.println(r.peakCoversStepsOnly()
          ? "peak RSS: VmHWM over the steps (reset after loading): " + (kl > 0 ? "both models" : "the policy")
              + ", optimizer state, activations"
          : "peak RSS: VmHWM over the whole process (could not reset it after loading)");
      return 0;
    }

    /** The reference's JSON result, or null (after a one-line message) when it cannot run here. */
    private JsonNode reference(String model, String threads, double kl) throws IOException, InterruptedException {
      var rows = PythonReference.run("transformers", "hf_train.py", List.of("--model", model, "--batch",
          String.valueOf(batch), "--micro-batch", String.valueOf(microBatch), "--prompt-tokens",
          String.valueOf(promptTokens), "--response-tokens", String.valueOf(responseTokens), "--experts",
          String.valueOf(experts), "--steps", String.valueOf(steps), "--beta",
          String.valueOf(kl), "--lr",
          String.valueOf(TrainingBenchmark.LEARNING_RATE), "--threads", threads));
      return rows.map(l -> l.get(l.size() - 1)).orElse(null);
    }
  }

  @Command(name = "rewards", mixinStandardHelpOptions = true,
      description = "IFEval reward checks/s (strict and loose verdicts of every instruction of 541 rows x N response "
          + "variants) on one thread and on all cores, and the same workload with the Python reference (lm-eval's "
          + "IFEval checkers) when python3 has it (RAIF_PYTHON picks the interpreter).")
  static final class Rewards implements Callable<Integer> {
    private static final int WARMUPS = 5;
    private static final int REFERENCE_REPETITIONS = 3; // a Python pass takes about ten seconds

    @Option(names = "--input-data", paramLabel = "F",
        description = "IFEval input_data.jsonl (default: shared/benchmarks/ifeval/ beside the checkout)")
    Path inputData;

    @Option(names = "--responses", paramLabel = "F",
        description = "JSONL with a \"response\" per line, paired with the input by line "
            + "(default: responses_text_bison.jsonl beside the input data)")
    Path responses;

    @Option(names = "--variants", defaultValue = "4",
        description = "texts per row, the first N of: the response, ASCII upper-cased, first paragraph dropped, "
            + "doubled") int variants;

    @Option(names = "--repetitions", defaultValue = "5", description = "timed passes; the median is reported")
    int repetitions;

    @Option(names = "--no-reference", description = "skip the Python reference measurement") boolean noReference;

    @Override
    public Integer call() throws Exception {
      Path shared = Path.of(System.getProperty("raif.home", ".")).resolve("../shared/benchmarks/ifeval").normalize();
      Path input = dataFile(inputData, shared.resolve("input_data.jsonl"), "--input-data");
      Path answers = dataFile(responses, shared.resolve("responses_text_bison.jsonl"), "--responses");
      RewardsWorkload workload = RewardsWorkload.load(input, answers, variants);
      System.out.printf(Locale.ROOT, "%d rows x %d texts (%s): %d checks per pass; one check = one instruction "
              + "verdict, strict or loose (loose tries 8 candidate texts)%n", workload.rows().size(), variants,
          workload.variants().stream().map(ResponseVariant::label).collect(Collectors.joining(", ")),
          workload.checksPerPass());
      int cores = Runtime.getRuntime().availableProcessors();
      List<Measurement> java = new ArrayList<>();
      java.add(RewardsBenchmark.measure(workload, 1, WARMUPS, repetitions));
      if (cores > 1) java.add(RewardsBenchmark.measure(workload, cores, WARMUPS, repetitions));
      JsonNode ref = noReference ? null : reference(input, answers);
      double perCore = ref == null ? Double.NaN : ref.get("checks_per_sec").asDouble();

      System.out.println("engine          threads     checks/s  vs Python per core  passed strict  passed loose");
      for (Measurement m : java) {
        Verdicts v = m.verdicts();
        System.out.printf(Locale.ROOT, "raif-java       %7d  %11.1f  %18s  %13d  %12d%n", m.threads(), m.checksPerSecond(),
            ratio(m.checksPerSecond() / m.threads(), perCore), v.passedStrict(), v.passedLoose());
      }
      if (ref != null) {
        System.out.printf(Locale.ROOT, "python-lm-eval  %7d  %11.1f  %18s  %13d  %12d%n", 1, perCore,
            ratio(perCore, perCore), ref.get("passed_strict").asLong(), ref.get("passed_loose").asLong());
      }
      System.out.printf(Locale.ROOT, "raif-java: median of %d passes (%.3f s on 1 thread) after %d warm-up passes%n",
          repetitions, java.get(0).secondsPerPass(), WARMUPS);
      if (ref != null) {
        System.out.printf(Locale.ROOT, "python-lm-eval: Python %s, nltk %s, langdetect %s, lm-eval %s; median of %d "
                + "passes (%.2f s) after 1 warm-up pass%n", ref.get("python").asText(), ref.get("nltk").asText(),
            ref.get("langdetect").asText(), ref.get("lm_eval").asText(), ref.get("repetitions").asInt(),
            ref.get("seconds").asDouble());
        Verdicts python = new Verdicts(ref.get("checks").asLong(), ref.get("passed_strict").asLong(),
            ref.get("passed_loose").asLong());
        if (!python.equals(java.get(0).verdicts())) {
          System.out.println("warning: the Python reference's verdict totals differ from ours: " + python + " vs "
              + java.get(0).verdicts());
        }
      }
      return 0;
    }

    private static Path dataFile(Path given, Path fallback, String option) {
      if (given != null) return given;
      if (!Files.isRegularFile(fallback)) {
        throw new IllegalArgumentException("no IFEval data at " + fallback + "; pass " + option);
      }
      return fallback;
    }

    private static String ratio(double rate, double reference) {
      return Double.isNaN(reference) ? "-" : String.format(Locale.ROOT, "%.1fx", rate / reference);
    }

    /** The reference's JSON result, or null (after a one-line message) when it cannot run here. */
    private JsonNode reference(Path input, Path answers) throws IOException, InterruptedException {
      var lines = PythonReference.run("python reference", "ifeval_reference_bench.py", List.of("--input-data",
          input.toString(), "--responses", answers.toString(), "--variants", String.valueOf(variants),
          "--repetitions", String.valueOf(REFERENCE_REPETITIONS)));
      if (lines.isEmpty()) return null;
      JsonNode result = lines.get().get(lines.get().size() - 1);
      if (result.has("skipped")) {
        System.out.println("python reference: skipped (" + result.get("skipped").asText() + ")");
        return null;
      }
      return result;
    }
  }

  @Command(name = "rollout", mixinStandardHelpOptions = true,
      description = "Useful tokens/s of one iteration's rollouts (the configured prompts, G, temperature and "
          + "max_new_tokens) under each batching policy, generated directly in one JVM with one thread per rollout "
          + "task; with --spark also through the rollout stage on local Spark.")
  static final class Rollout implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--prompts", defaultValue = "8", description = "prompts of prompts.source to roll out") int prompts;

    @Option(names = "--batching", split = ",", defaultValue = "static,continuous",
        description = "batching policies to run directly, the first being the reference") List<String> batching;

    @Option(names = "--spark", description = "also run the Spark rollout stage with the configured policy")
    boolean spark;

    @Override
    public Integer call() throws Exception {
      RaifConfig c = common.config();
      List<String> sets = new ArrayList<>(common.overrides);
      if (common.model != null) sets.add("model.path=" + common.model);
      sets.add("prompts.limit=" + prompts);
      List<Batching.Policy> policies = batching.stream().map(Batching.Policy::of).toList();
      var results = ai.raif.jobs.pipeline.RolloutBenchmark.run(c, sets, policies, spark);
      System.out.printf(Locale.ROOT, "%d prompts of %s, G=%d, G'=%d, G''=%d, max_new_tokens=%d, temperature=%s, "
              + "%d slots%n", prompts, c.prompts().source(), c.rollout().reasoningSamples(),
          c.rollout().directSamples(), c.rollout().chatSamples(), c.rollout().maxNewTokens(),
          c.rollout().temperature(), c.rollout().batchSize());
      System.out.println("engine                                                 rollouts  tokens  seconds  "
          + "rollouts/s  tokens/s  vs first");
      for (var r : results) {
        System.out.printf(Locale.ROOT, "%-53s  %8d  %6d  %7.1f  %10.2f  %8.1f  %7.2fx%n", r.engine(), r.rollouts(),
            r.tokens(), r.seconds(), r.rolloutsPerSecond(), r.tokensPerSecond(),
            r.tokensPerSecond() / results.get(0).tokensPerSecond());
      }
      return 0;
    }
  }
}
