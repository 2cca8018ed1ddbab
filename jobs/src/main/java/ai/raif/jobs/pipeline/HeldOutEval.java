package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.ConfigLoader;
import ai.raif.jobs.config.RaifConfig;
import ai.raif.rewards.eval.Benchmark;
import ai.raif.rewards.eval.Metric;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.udfs.storage.StorageRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The project's own held-out set: IFEval-labelled everyday tasks whose wording occurs in no training seed and no
 * built-in prompt (tools/heldout/README.md), shipped in the jar and never trained on. A checkpoint is scored on it
 * greedily, in each mode asked for, through {@code raif eval}'s path ({@link BenchmarkEval}), so every number lands in
 * {@code eval_results} with its n, strict and loose. {@code raif demo} and the learning curves use it too.
 */
public final class HeldOutEval {
  /** What {@code --data} and {@code eval.data.ifeval} accept to mean this set. */
  public static final String DATA = "heldout";
  static final String RESOURCE = "/ai/raif/jobs/heldout/ifeval_heldout.jsonl";

  /**
   * One mode's IFEval metrics on n held-out prompts holding {@code instructions} instructions; {@code
   * promptSubstantive} is prompt-level strict counting only answers that attempt the task
   * ({@link BenchmarkEval#substantive}).
   */
  public record ModeResult(RolloutMode mode, long n, long instructions, double promptStrict, double promptLoose,
      double instStrict, double instLoose, double promptSubstantive) {
    static ModeResult of(RolloutMode mode, List<Metric> metrics) {
      return new ModeResult(mode, value(metrics, "prompt_level_strict_acc").n(),
          value(metrics, "inst_level_strict_acc").n(),
          value(metrics, "prompt_level_strict_acc").value(), value(metrics, "prompt_level_loose_acc").value(),
          value(metrics, "inst_level_strict_acc").value(), value(metrics, "inst_level_loose_acc").value(),
          value(metrics, BenchmarkEval.SUBSTANTIVE).value());
    }

    private static Metric value(List<Metric> metrics, String name) {
      return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("IFEval metrics lack " + name));
    }
  }

  private HeldOutEval() {}

  /**
   * The shipped set as a local file (rewritten only when the jar's copy differs): under {@code eval.output_dir}, or
   * under the JVM's temporary directory when that is shared storage (the set ships in the jar; the evaluation reads it
   * locally).
   */
  public static Path file(RaifConfig config) {
    String out = config.eval().outputDir();
    Path base = StorageRoot.isUri(out) ? Path.of(System.getProperty("java.io.tmpdir"), "raif") : Path.of(out);
    Path target = base.resolve("heldout").resolve("ifeval_heldout.jsonl");
    try (InputStream in = HeldOutEval.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("the held-out set " + RESOURCE + " is missing from the jar");
      byte[] bytes = in.readAllBytes();
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) return target;
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "heldout", ".tmp");
      Files.write(tmp, bytes);
      return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the held-out set to " + target, e);
    }
  }

  /** An IFEval evaluation of the first {@code limit} held-out prompts, named {@code heldout} in the results. */
  public static BenchmarkEval.Request request(RaifConfig config, int limit) {
    return new BenchmarkEval.Request(Benchmark.IFEVAL, file(config), limit, DATA);
  }

  /**
   * Scores {@code config}'s model on the first {@code limit} held-out prompts (0 = all) in each of {@code modes},
   * greedy, with up to {@code maxNewTokens} new tokens.
   */
  public static List<ModeResult> run(SparkSession spark, RaifConfig config, List<RolloutMode> modes, int limit,
      int maxNewTokens, PrintStream log) {
    List<ModeResult> out = new ArrayList<>();
    for (RolloutMode mode : modes) {
      RaifConfig c = ConfigLoader.with(config, List.of("eval.mode=" + mode.wireName(),
          "eval.max_new_tokens=" + maxNewTokens, "eval.temperature=0"));
      BenchmarkEval.Request request = request(c, limit);
      BenchmarkEval.Result r = BenchmarkEval.run(spark, c, ConfigLoader.with(c, BenchmarkEval.overrides(c, request)),
          request, log);
      out.add(ModeResult.of(mode, r.metrics()));
    }
    return out;
  }

  /** The results as {@code pipeline_metrics} values (stage {@code heldout}), e.g. {@code chat.prompt_level_strict}. */
  public static PipelineMetrics metrics(List<ModeResult> results) {
    PipelineMetrics m = new PipelineMetrics("heldout");
    for (ModeResult r : results) {
      String p = r.mode().wireName() + ".";
      m.put(p + "prompt_level_strict", r.promptStrict()).put(p + "prompt_level_loose", r.promptLoose())
          .put(p + "inst_level_strict", r.instStrict()).put(p + "inst_level_loose", r.instLoose())
          .put(p + "prompt_level_strict_substantive", r.promptSubstantive()).put(p + "n", r.n());
    }
    return m;
  }

  /** A before/after table: one row per mode and metric, with n. */
  public static String table(long beforeVersion, List<ModeResult> before, long afterVersion, List<ModeResult> after) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-34s %5s %12s %12s %8s%n", "held-out IFEval (greedy)", "n",
        "before (v" + beforeVersion + ")", "after (v" + afterVersion + ")", "change"));
    for (int i = 0; i < before.size(); i++) {
      ModeResult x = before.get(i);
      ModeResult y = after.get(i);
      String mode = x.mode().wireName();
      row(b, mode + " prompt-level strict", x.n(), x.promptStrict(), y.promptStrict());
      row(b, mode + " prompt-level loose", x.n(), x.promptLoose(), y.promptLoose());
      row(b, mode + " prompt strict, substantive", x.n(), x.promptSubstantive(), y.promptSubstantive());
      row(b, mode + " instruction-level strict", x.instructions(), x.instStrict(), y.instStrict());
      row(b, mode + " instruction-level loose", x.instructions(), x.instLoose(), y.instLoose());
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String name, long n, double x, double y) {
    b.append(String.format(Locale.ROOT, "%-34s %5d %12.3f %12.3f %+8.3f%n", name, n, x, y, y - x));
  }
}
