package ai.raif.jobs.pipeline;

import ai.raif.jobs.tracking.MetricPoint;
import ai.raif.jobs.tracking.Tracking;
import ai.raif.rewards.eval.Metric;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code eval_results} table (run_id, checkpoint, benchmark, mode, metric → value, n) and the comparison of two
 * checkpoints. A re-evaluation replaces its rows; {@code eval_run} names the generation run whose rollouts were scored.
 */
public final class EvalResults {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("checkpoint", DataTypes.StringType, false)
      .add("benchmark", DataTypes.StringType, false)
      .add("mode", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("n", DataTypes.LongType, false)
      .add("eval_run", DataTypes.StringType, false)
      .add("data", DataTypes.StringType, true)
      .add("evaluated_at", DataTypes.TimestampType, false);

  private static final Pattern POLICY_VERSION = Pattern.compile("/policy-v(\\d+)/?$");

  private EvalResults() {}

  static List<Row> rows(String runId, String checkpoint, String benchmark, String mode, String evalRun, String data,
      List<Metric> metrics) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> out = new ArrayList<>();
    for (Metric m : metrics) {
      out.add(RowFactory.create(runId, checkpoint, benchmark, mode, m.name(), Double.isNaN(m.value()) ? null : m.value(),
          m.n(), evalRun, data, now));
    }
    return out;
  }

  /**
   * Upserts the rows, then logs them to the tracker of their run: key {@code eval.<benchmark>.<mode>.<metric>}, step
   * the evaluated policy version ({@link #version}).
   */
  static void write(RaifTables tables, SparkSession spark, List<Row> rows) {
    tables.upsert(RaifTables.Table.EVAL_RESULTS, spark.createDataFrame(rows, SCHEMA));
    for (Row r : rows) {
      if (r.isNullAt(5)) continue;  // no value (NaN): not a metric
      // by position, in SCHEMA's order: run_id, checkpoint, benchmark, mode, metric, value, ..., evaluated_at
      Tracking.of(r.getString(0)).log(List.of(new MetricPoint("eval." + r.getString(2) + "." + r.getString(3) + "."
          + r.getString(4), r.getDouble(5), ((Timestamp) r.get(9)).getTime(), version(r.getString(1)))));
    }
  }

  /** The policy version a checkpoint label names ({@code .../policy-v<k>}); 0 for any other checkpoint. */
  static long version(String checkpoint) {
    Matcher m = POLICY_VERSION.matcher(checkpoint);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Every metric either checkpoint has, as "benchmark (mode) metric A B B−A" lines; a checkpoint is matched by its label in
   * the table (the absolute path, or {@code default}).
   *
   * @throws IllegalArgumentException naming the labels the table holds when A or B has no results
   */
  public static List<String> compare(RaifTables tables, String a, String b) {
    Map<String, Double[]> byMetric = new LinkedHashMap<>();
    Map<String, long[]> nByMetric = new LinkedHashMap<>();
    List<Row> rows = tables.read(RaifTables.Table.EVAL_RESULTS)
        .where(functions.col("checkpoint").isin(a, b))
        .orderBy("benchmark", "mode", "metric", "run_id").collectAsList();
    boolean seenA = false;
    boolean seenB = false;
    for (Row r : rows) {
      String checkpoint = r.getAs("checkpoint");
      int side = checkpoint.equals(a) ? 0 : 1;
      seenA |= side == 0;
      seenB |= side == 1;
      Double value = r.isNullAt(r.fieldIndex("value")) ? null : r.<Double>getAs("value");
      String name = r.getAs("benchmark") + " (" + r.getAs("mode") + ") " + r.getAs("metric");
      byMetric.computeIfAbsent(name, k -> new Double[2])[side] = value;
      nByMetric.computeIfAbsent(name, k -> new long[2])[side] = r.<Long>getAs("n");
    }
    if (!seenA || !seenB) {
      List<String> known = tables.read(RaifTables.Table.EVAL_RESULTS).select("checkpoint").distinct()
          .orderBy("checkpoint").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      throw new IllegalArgumentException("no eval_results for " + (!seenA ? a : b) + " (checkpoints with results: "
          + known + ")");
    }
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "%-40s %10s %10s %10s %11s", "benchmark (mode) metric", "A", "B", "B-A",
        "n (A/B)"));
    byMetric.forEach((name, v) -> out.add(String.format(Locale.ROOT, "%-40s %10s %10s %10s %11s", name, fmt(v[0]),
        fmt(v[1]), v[0] == null || v[1] == null ? "n/a" : String.format(Locale.ROOT, "%+.4f", v[1] - v[0]),
        nByMetric.get(name)[0] + "/" + nByMetric.get(name)[1])));
    return out;
  }

  private static String fmt(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
