package ai.raif.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Loads the run's prompt set into {@code prompts}: the built-in set shipped in the jar, or a JSONL file. Bad lines
 * become error rows; a prompt_id seen twice keeps its first line and the later ones become errors.
 */
public final class PromptsStage {
  static final String BUILTIN_RESOURCE = "/ai/raif/jobs/prompts/builtin.jsonl";

  private PromptsStage() {}

  public static PipelineMetrics run(PipelineContext ctx) {
    return load(ctx, lines(ctx));
  }

  /** Loads prompt-file lines (the configured source, or lines a caller made, e.g. from a benchmark file). */
  public static PipelineMetrics load(PipelineContext ctx, JavaRDD<String> lines) {
    String runId = ctx.runId();
    JavaRDD<Row> parsed = lines.zipWithIndex()
        .filter(t -> !t._1().isBlank())
        .map(t -> PromptRecords.parse(runId, t._2() + 1, t._1()));
    Dataset<Row> rows = ctx.spark().createDataFrame(parsed, PromptRecords.SCHEMA);
    var byId = Window.partitionBy("prompt_id").orderBy("line");
    Dataset<Row> deduped = rows
        .withColumn("first_line", functions.min("line").over(byId))
        .withColumn("error", functions.when(functions.col("line").notEqual(functions.col("first_line")),
            functions.concat(functions.lit("line "), functions.col("line").cast("string"),
                functions.lit(": duplicate prompt_id (first at line "), functions.col("first_line").cast("string"),
                functions.lit(")"))).otherwise(functions.col("error")))
        .withColumn("prompt_id", functions.when(functions.col("line").notEqual(functions.col("first_line")),
            functions.concat(functions.col("prompt_id"), functions.lit("#line-"), functions.col("line").cast("string")))
            .otherwise(functions.col("prompt_id")))
        .drop("first_line");
    ctx.tables().insertMissing(RaifTables.Table.PROMPTS, deduped);

    Dataset<Row> stored = ctx.tables().read(RaifTables.Table.PROMPTS).where(functions.col("run_id").equalTo(runId));
    long valid = 0;
    long errors = 0;
    java.util.Map<String, Long> bySourceSplit = new java.util.TreeMap<>();
    for (Row r : stored.groupBy(functions.col("error").isNull().as("ok"), functions.col("source"),
        functions.col("split")).count().collectAsList()) {
      if (r.getBoolean(0)) {
        valid += r.getLong(3);
        bySourceSplit.put("prompts." + r.getString(1) + "." + r.getString(2), r.getLong(3));
      } else {
        errors += r.getLong(3);
      }
    }
    PipelineMetrics m = new PipelineMetrics("prompts").put("prompts", valid).put("errors", errors);
    bySourceSplit.forEach(m::put);
    return m;
  }

  /** The error rows of the run's prompt set, for the job log. */
  public static List<String> errors(PipelineContext ctx, int max) {
    List<String> out = new ArrayList<>();
    for (Row r : ctx.tables().read(RaifTables.Table.PROMPTS)
        .where(functions.col("run_id").equalTo(ctx.runId()).and(functions.col("error").isNotNull()))
        .orderBy("line").limit(max).select("error").collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static JavaRDD<String> lines(PipelineContext ctx) {
    return JsonlLines.read(ctx.spark(), ctx.config().prompts().source(), "prompts.source", BUILTIN_RESOURCE);
  }
}
