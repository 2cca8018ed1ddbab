package ai.raif.jobs.pipeline;

import ai.raif.jobs.tracking.MetricPoint;
import ai.raif.jobs.tracking.Tracking;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One stage's summary for one iteration, as (metric, value) pairs: printed to the job log and upserted into
 * {@code pipeline_metrics}, one row per metric, so a notebook can plot any of them over iterations.
 */
public final class PipelineMetrics {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("iteration", DataTypes.IntegerType, false)
      .add("stage", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("updated_at", DataTypes.TimestampType, false);

  private final String stage;
  private final Map<String, Double> values = new LinkedHashMap<>();

  public PipelineMetrics(String stage) {
    this.stage = stage;
  }

  public PipelineMetrics put(String metric, double value) {
    values.put(metric, value);
    return this;
  }

  public PipelineMetrics put(String metric, Number value) {
    values.put(metric, value == null ? Double.NaN : value.doubleValue());
    return this;
  }

  public String stage() {
    return stage;
  }

  public Map<String, Double> values() {
    return values;
  }

  public double get(String metric) {
    Double v = values.get(metric);
    if (v == null) throw new IllegalArgumentException("stage " + stage + " has no metric " + metric);
    return v;
  }

  /** {@code rollout: prompts=8 rollouts=48 errors=0 ...}, integers without decimals. */
  public String line() {
    StringBuilder b = new StringBuilder(stage).append(':');
    values.forEach((k, v) -> b.append(' ').append(k).append('=').append(format(v)));
    return b.toString();
  }

  /** Upserts the rows, then logs them to the run's tracker (key {@code <stage>.<metric>}, step = iteration). */
  public void write(SparkSession spark, RaifTables tables, String runId, int iteration) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    values.forEach((k, v) -> rows.add(RowFactory.create(runId, iteration, stage, k, Double.isNaN(v) ? null : v, now)));
    tables.upsert(RaifTables.Table.PIPELINE_METRICS, spark.createDataFrame(rows, SCHEMA));
    Tracking.of(runId).log(points(iteration, now.getTime()));
  }

  /** The values as tracked metrics; a NaN (null in the table) is not one. */
  List<MetricPoint> points(int iteration, long timestampMs) {
    List<MetricPoint> out = new ArrayList<>();
    values.forEach((k, v) -> {
      if (!Double.isNaN(v)) out.add(new MetricPoint(stage + "." + k, v, timestampMs, iteration));
    });
    return out;
  }

  static String format(double v) {
    if (Double.isNaN(v)) return "n/a";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
