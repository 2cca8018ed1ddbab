package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.jobs.pipeline.Pipeline.Stage;
import ai.raif.udfs.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks in {@code notebooks/}, executed as CI does: a small run writes its tables (2 iterations through
 * training), then {@code tools/notebooks/run_notebook.py} runs every notebook against them with the Python of
 * {@code bin/setup-notebooks} (bin/test exports it as RAIF_NOTEBOOK_PYTHON). Each must finish and draw its PNG
 * files, and the numbers behind the figures (the CSV next to each) must be the ones the tables hold. Then delta-rs,
 * a Delta reader without Spark, reads every table with the same rows as Spark.
 */
@ExtendWith(SharedSpark.class)
class NotebooksTest {
  /** Every notebook's figures; a notebook draws each one, with a "no data" message where the run has none. */
  static final Map<String, List<String>> FIGURES = Map.of(
      "reward_distributions.py", List.of("reward_distribution", "reward_by_iteration", "reward_vs_length",
          "constraint_pass_rates"),
      "contrast_and_training.py", List.of("kept_ratio", "drop_reasons", "training_curves", "heldout_curve"),
      "judge_agreement.py", List.of("judge_vs_rules", "judge_vs_judge", "judge_yes_rate"));
  static final List<String> CURVE_MODES = List.of("chat", "think");
  static final List<String> CURVE_METRICS = List.of("prompt_level_strict", "prompt_level_loose", "inst_level_strict",
      "inst_level_loose", "prompt_level_strict_substantive", "n");
  /** Held-out curve points: version -> per mode of CURVE_MODES, the values of CURVE_METRICS. */
  static final Map<Integer, double[][]> HELDOUT = new TreeMap<>(Map.of(
      0, new double[][] {{0.2, 0.3, 0.35, 0.45, 0.15, 20}, {0.1, 0.25, 0.3, 0.4, 0.05, 20}},
      2, new double[][] {{0.4, 0.55, 0.5, 0.65, 0.35, 20}, {0.45, 0.6, 0.55, 0.7, 0.3, 20}}));
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
  static final String EXPERT = "<think>\\nShort and lowercase, no commas.\\n</think>\\n<answer>\\n%s\\n</answer>";

  /** An instruction prompt with two rule constraints, a complex one with a rule and a scoring question, math. */
  static Path prompts(Path dir) throws Exception {
    return Files.write(dir.resolve("prompts.jsonl"), List.of(
        "{\"prompt_id\": \"if-2\", \"source\": \"ifeval\", \"messages\": [{\"role\": \"user\", \"content\": "
            + "\"Name two fruits in lowercase letters, without commas.\"}], \"constraints\": {\"instruction_id_list\": "
            + "[\"change_case:english_lowercase\", \"punctuation:no_comma\"], \"kwargs\": [{}, {}]}, "
            + "\"expert_response\": \"" + EXPERT.formatted("apple and pear") + "\"}",
        "{\"prompt_id\": \"cx-1\", \"source\": \"complex\", \"messages\": [{\"role\": \"user\", \"content\": "
            + "\"Write one calm line about rain, in lowercase.\"}], \"constraints\": {\"instruction_id_list\": "
            + "[\"change_case:english_lowercase\"], \"kwargs\": [{}], \"scoring_questions\": "
            + "[\"Is the text about rain?\"]}, \"expert_response\": \""
            + EXPERT.formatted("soft rain on the roof") + "\"}",
        PipelineFixtures.GOOD.get(2).replace("\"5\"}", "\"5\", \"expert_response\": \""
            + "<think>\\n2 + 3 = 5.\\n</think>\\n<answer>\\n\\\\boxed{5}\\n</answer>\"}")));
  }

  @Test
  void everyNotebookRunsOnASmallRunsTablesAndPlotsWhatTheTablesHold(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Assumptions.assumeFalse(Boolean.getBoolean("raif.notebooks.skip"), "-Draif.notebooks.skip=true");
    String python = System.getenv("RAIF_NOTEBOOK_PYTHON");
    if (python == null || python.isBlank()) {
      fail("RAIF_NOTEBOOK_PYTHON is not set: run the tests with bin/test, which installs the notebooks' Python "
          + "(or export RAIF_NOTEBOOK_PYTHON=$(bin/setup-notebooks)); without Python, skip with "
          + "-Draif.notebooks.skip=true");
    }
    Path tables = dir.resolve("tables");
    RaifConfig config = PipelineFixtures.config(prompts(dir), tables, "train.checkpoint_root=" + dir.resolve("ckpt"),
        "rollout.max_new_tokens=8", "train.bc_batch_size=2", "train.beta=0", "guard.min_entropy=0",
        "guard.min_response_tokens=0", "guard.max_format_pass_drop=0");
    // iteration 0 trains (2 behaviour-cloning steps: 3 experts, 2 a step); iteration 1 samples from its version 1.
    // Training iteration 1 too would add minutes and no new kind of row.
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Pipeline.runIteration(PipelineContext.of(spark, config, 0), Stage.TRAIN, quiet);
    PipelineContext second = PipelineContext.of(spark, config, 1);
    for (Stage s : List.of(Stage.ROLLOUT, Stage.REWARD, Stage.CONTRAST)) Pipeline.runStage(second, s, quiet);
    // judge_cache is shared by runs: two other judges' verdicts on the same three answers, and one only one judged
    List<Row> cached = new ArrayList<>();
    boolean[][] verdicts = {{true, true}, {true, false}, {false, false}, {true}};
    for (int q = 0; q < verdicts.length; q++) {
      for (int j = 0; j < verdicts[q].length; j++) {
        cached.add(RowFactory.create("judge-" + (char) ('a' + j), "Is it about rain?", "hash-" + q, verdicts[q][j],
            new Timestamp(0)));
      }
    }
    second.tables().insertMissing(RaifTables.Table.JUDGE_CACHE, spark.createDataFrame(cached, JudgeCacheRows.SCHEMA));
    // held-out learning curve points (stage heldout, iteration = policy version), as eval.curve_every writes them
    for (Map.Entry<Integer, double[][]> point : HELDOUT.entrySet()) {
      PipelineMetrics m = new PipelineMetrics("heldout");
      for (int k = 0; k < CURVE_MODES.size(); k++) {
        for (int c = 0; c < CURVE_METRICS.size(); c++) {
          m.put(CURVE_MODES.get(k) + "." + CURVE_METRICS.get(c), point.getValue()[k][c]);
        }
      }
      m.write(spark, second.tables(), config.run().id(), point.getKey());
    }

    Path root = Path.of(System.getProperty("raif.repo.root"));
    Path figures = dir.resolve("figures");
    List<String> command = new ArrayList<>(List.of(python,
        root.resolve("tools/notebooks/run_notebook.py").toString(),
        "--jars", jarOf(io.delta.tables.DeltaTable.class) + "," + jarOf(io.delta.storage.LogStore.class),
        "--widget", "tables_root=" + tables, "--widget", "figures_dir=" + figures));
    try (Stream<Path> files = Files.list(root.resolve("notebooks"))) {
      List<String> notebooks = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".py") && !n.startsWith("_")).sorted().toList();
      assertEquals(new TreeSet<>(FIGURES.keySet()), new TreeSet<>(notebooks),
          "every notebook has its figures listed here");
      notebooks.forEach(n -> command.add(root.resolve("notebooks").resolve(n).toString()));
    }
    Path log = dir.resolve("notebooks.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("PYTHONPATH");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the notebooks did not finish in 10 minutes:\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), "the notebook runner failed:\n" + out);
    out.lines().filter(l -> l.startsWith("notebook ")).forEach(System.out::println);
    for (var e : FIGURES.entrySet()) {
      for (String figure : e.getValue()) {
        Path png = figures.resolve(figure + ".png");
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 1000, e.getKey() + " drew no " + png + "\n" + out);
        assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(png), 4), png + " is not a PNG");
      }
    }

    RaifTables t = second.tables();
    checkContrastFigures(t.read(RaifTables.Table.SAMPLES).collectAsList(), figures);
    checkRewardFigures(t.read(RaifTables.Table.REWARDS).collectAsList(), figures);
    List<Map<String, String>> curves = csv(figures.resolve("training_curves.csv"));
    assertEquals(List.of("0", "1"), curves.stream().map(r -> r.get("step")).toList(), "iteration 0's two steps");
    assertEquals(t.read(RaifTables.Table.TRAIN_METRICS).where("step = 1").first().<Double>getAs("bc_loss"),
        Double.parseDouble(curves.get(1).get("bc_loss")));
    checkHeldOutCurve(figures);
    Map<String, String> judges = csv(figures.resolve("judge_vs_judge.csv")).get(0);
    assertEquals(Map.of("judge_a", "judge-a", "judge_b", "judge-b", "n", "3", "agreement", String.valueOf(2 / 3.0)),
        judges);

    // eval_results as raif eval writes them (a metric without a value included), for delta-rs to read too
    Timestamp evaluated = Timestamp.valueOf("2026-12-07 10:00:00.123456");
    t.insertMissing(RaifTables.Table.EVAL_RESULTS, spark.createDataFrame(List.of(
        RowFactory.create("nb", "default", "ifeval", "chat", "prompt_level_strict", 0.25, 20L, "e1", "heldout",
            evaluated),
        RowFactory.create("nb", "default", "ifeval", "chat", "math_accuracy", null, 0L, "e1", null, evaluated)),
        EvalResults.SCHEMA));
    checkDeltaRsReadsWhatSparkReads(spark, python, t, tables, dir.resolve("delta-rs"));
  }

  /**
   * delta-rs (the {@code deltalake} package: a reader with no Spark and no JVM) reads every table of the run with the
   * same rows as Spark: {@code tools/notebooks/delta_rs_dump.py} writes what it read to Parquet, and Spark compares
   * that with its own read of the table, both ways, duplicates counted.
   */
  static void checkDeltaRsReadsWhatSparkReads(SparkSession spark, String python, RaifTables tables, Path root,
      Path out) throws Exception {
    for (RaifTables.Table t : RaifTables.Table.values()) tables.ensure(t);
    Path script = Path.of(System.getProperty("raif.repo.root"), "tools/notebooks/delta_rs_dump.py");
    Path log = out.resolveSibling("delta-rs.log");
    Process p = new ProcessBuilder(python, script.toString(), root.toString(), out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("delta-rs did not read the tables in 2 minutes:\n" + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), "delta-rs failed:\n" + Files.readString(log));
    Map<String, Long> counted = new TreeMap<>();
    for (String line : Files.readAllLines(log)) {
      String[] f = line.split(" ");
      if (f.length == 3) counted.put(f[0], Long.parseLong(f[1]));
    }
    Map<String, Long> expected = new TreeMap<>();
    for (RaifTables.Table t : RaifTables.Table.values()) {
      Dataset<Row> bySpark = comparable(tables.read(t));
      Dataset<Row> byDeltaRs = comparable(spark.read().parquet(out.resolve(t.dir + ".parquet").toString())
          .select(Arrays.stream(tables.read(t).schema().fields())
              .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new)));
      expected.put(t.dir, bySpark.count());
      assertEquals(0, bySpark.exceptAll(byDeltaRs).count(), t + ": rows Spark reads and delta-rs does not");
      assertEquals(0, byDeltaRs.exceptAll(bySpark).count(), t + ": rows delta-rs reads and Spark does not");
    }
    assertEquals(expected, counted, "rows per table, Spark against delta-rs");
    assertTrue(expected.values().stream().allMatch(n -> n > 0), "every table has rows to compare: " + expected);
  }

  /** Map columns as sorted entry arrays: set operations such as exceptAll cannot compare maps. */
  static Dataset<Row> comparable(Dataset<Row> rows) {
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof MapType) {
        rows = rows.withColumn(f.name(), functions.array_sort(functions.map_entries(functions.col(f.name()))));
      }
    }
    return rows;
  }

  /** One row per (version, mode) of the HELDOUT points, in version then mode order, n as an integer. */
  static void checkHeldOutCurve(Path figures) throws Exception {
    List<Map<String, String>> rows = csv(figures.resolve("heldout_curve.csv"));
    List<String> columns = new ArrayList<>(List.of("version", "mode"));
    columns.addAll(CURVE_METRICS);
    assertEquals(columns, List.copyOf(rows.get(0).keySet()));
    List<String> expected = new ArrayList<>();
    HELDOUT.forEach((version, values) -> {
      for (int k = 0; k < CURVE_MODES.size(); k++) {
        StringBuilder b = new StringBuilder(version + "/" + CURVE_MODES.get(k));
        for (double v : Arrays.copyOf(values[k], 5)) b.append(' ').append(v);
        expected.add(b.append(" n=").append((long) values[k][5]).toString());
      }
    });
    List<String> plotted = new ArrayList<>();
    for (Map<String, String> r : rows) {
      StringBuilder b = new StringBuilder(r.get("version") + "/" + r.get("mode"));
      for (String c : CURVE_METRICS.subList(0, 5)) b.append(' ').append(Double.parseDouble(r.get(c)));
      plotted.add(b.append(" n=").append(r.get("n")).toString());
    }
    assertEquals(expected, plotted);
  }

  /**
   * Kept ratio = kept / rollouts of the modes GRPO trains on (all but those dropped for their mode) per iteration;
   * every rollout is kept or has one drop reason.
   */
  static void checkContrastFigures(List<Row> samples, Path figures) throws Exception {
    Map<String, long[]> kept = new TreeMap<>();
    Map<String, Long> decisions = new TreeMap<>();
    for (Row s : samples) {
      String it = String.valueOf(s.<Integer>getAs("iteration"));
      long[] k = kept.computeIfAbsent(it, x -> new long[2]);
      if (s.<Boolean>getAs("kept")) k[0]++;
      String reason = s.getAs("drop_reason");
      if (reason == null || !List.of(SampleRows.DIRECT_ROLLOUT, SampleRows.CHAT_ROLLOUT, SampleRows.THINK_ROLLOUT)
          .contains(reason)) {
        k[1]++;
      }
      String decision = s.getAs("drop_reason") == null ? "kept" : s.getAs("drop_reason");
      decisions.merge(it + "/" + decision, 1L, Long::sum);
    }
    Map<String, long[]> plotted = new TreeMap<>();
    for (Map<String, String> r : csv(figures.resolve("kept_ratio.csv"))) {
      long k = Long.parseLong(r.get("kept"));
      long n = Long.parseLong(r.get("candidates"));
      assertEquals((double) k / n, Double.parseDouble(r.get("kept_ratio")), 1e-12);
      plotted.put(r.get("iteration"), new long[] {k, n});
    }
    assertEquals(kept.keySet(), plotted.keySet());
    kept.forEach((it, k) -> assertArrayEquals(k, plotted.get(it), "iteration " + it));
    Map<String, Long> drawn = new TreeMap<>();
    for (Map<String, String> r : csv(figures.resolve("drop_reasons.csv"))) {
      drawn.put(r.get("iteration") + "/" + r.get("decision"), Long.parseLong(r.get("count")));
    }
    assertEquals(decisions, drawn);
  }

  /** Mean reward per iteration and mode over scored rows; pass rate per constraint over checked verdicts. */
  static void checkRewardFigures(List<Row> rewards, Path figures) throws Exception {
    Map<String, double[]> byMode = new TreeMap<>();
    Map<String, long[]> byConstraint = new TreeMap<>();
    for (Row r : rewards) {
      if (r.getAs("error") != null || r.getAs("reward") == null) continue;
      double[] m = byMode.computeIfAbsent(r.getAs("iteration") + "/" + r.getAs("mode"), x -> new double[2]);
      m[0]++;
      m[1] += r.<Double>getAs("reward");
      for (Row v : r.<Row>getList(r.fieldIndex("verdicts"))) {
        String outcome = v.getAs("outcome");
        if (outcome.equals("invalid")) continue;
        long[] c = byConstraint.computeIfAbsent(v.getAs("id") + "/" + r.getAs("mode"), x -> new long[2]);
        c[1]++;
        if (outcome.equals("passed")) c[0]++;
      }
    }
    Map<String, double[]> plotted = new TreeMap<>();
    for (Map<String, String> r : csv(figures.resolve("reward_by_iteration.csv"))) {
      double n = Double.parseDouble(r.get("n"));
      if (n == 0) continue; // only error rows: nothing to average
      plotted.put(r.get("iteration") + "/" + r.get("mode"), new double[] {n, Double.parseDouble(r.get("mean")) * n});
    }
    assertEquals(byMode.keySet(), plotted.keySet());
    byMode.forEach((k, m) -> assertArrayEquals(m, plotted.get(k), 1e-9, k));
    assertTrue(!byConstraint.isEmpty(), "the math prompt is never gated, so there are verdicts");
    Map<String, String> rates = new HashMap<>();
    for (Map<String, String> r : csv(figures.resolve("constraint_pass_rates.csv"))) {
      rates.put(r.get("constraint") + "/" + r.get("mode"), r.get("n") + " " + Double.parseDouble(r.get("pass_rate")));
    }
    Map<String, String> expected = new HashMap<>();
    byConstraint.forEach((k, c) -> expected.put(k, c[1] + " " + (double) c[0] / c[1]));
    assertEquals(expected, rates);
  }

  static String jarOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** A CSV pandas wrote (values without commas or quotes) as rows keyed by column name. */
  static List<Map<String, String>> csv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
      rows.add(row);
    }
    return rows;
  }
}
