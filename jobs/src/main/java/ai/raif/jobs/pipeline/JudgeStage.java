package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import ai.raif.jobs.config.RaifConfig;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.judge.JudgeRows;
import ai.raif.udfs.judge.JudgeSpec;
import ai.raif.udfs.rollout.RolloutRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Attaches the judge's verdicts to rollouts of {@code complex} prompts. Questions already in {@code judge_cache}
 * (same judge, question, instruction and answer) are not asked again; new verdicts are added to it. A rollout gets
 * its verdicts only when every one of its questions has one; otherwise its reward row carries the judge's error.
 */
final class JudgeStage {
  static final int BATCH = 16;

  /** The stage's counts, for the reward summary. */
  record Counts(long questions, long cached, long asked, long failed, long requests, long retries, double seconds) {}

  private JudgeStage() {}

  static JudgeSpec spec(RaifConfig.Judge j) {
    return new JudgeSpec(j.backend(), j.model(), j.url(), j.apiKeyEnv(), j.timeoutS(), j.maxRetries(),
        j.concurrency(), j.maxInputTokens());
  }

  /** {@code rollouts} with {@code judge_verdicts} (array of boolean, or null) and {@code judge_error} columns. */
  static Dataset<Row> attachVerdicts(PipelineContext ctx, Dataset<Row> rollouts, List<Counts> counts) {
    Dataset<Row> questions = rollouts
        .flatMap(JudgeRows.questions(ctx.config().reward().rewardConfig()), Encoders.row(JudgeRows.QUESTION))
        .persist(StorageLevel.MEMORY_AND_DISK());
    if (questions.isEmpty()) {
      questions.unpersist();
      return rollouts.withColumn("judge_verdicts", lit(null).cast(DataTypes.createArrayType(DataTypes.BooleanType)))
          .withColumn("judge_error", lit(null).cast("string"));
    }
    Dataset<Row> answered = answer(ctx, questions, counts);
    List<String> key = new ArrayList<>(RolloutRows.KEY);
    Dataset<Row> perRollout = answered
        .groupBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .agg(sort_array(collect_list(struct(col("q_idx"), col("verdict")))).as("answers"),
            count("*").as("asked"), count("verdict").as("answered"), first("judge_error", true).as("judge_error"))
        .withColumn("judge_verdicts", when(col("asked").equalTo(col("answered")),
            expr("transform(answers, a -> a.verdict)")))
        .withColumn("judge_error", when(col("asked").notEqual(col("answered")), col("judge_error")))
        .drop("answers", "asked", "answered");
    Dataset<Row> out = rollouts.join(perRollout, SparkValues.seq(key), "left").persist(StorageLevel.MEMORY_AND_DISK());
    out.count();
    answered.unpersist();
    questions.unpersist();
    return out;
  }

  /**
   * {@code questions} ({@link JudgeRows#QUESTION} rows) with {@code verdict} (null when the judge failed) and
   * {@code judge_error}: cached verdicts are reused, the rest are asked and added to the cache. Persisted; the
   * caller unpersists it.
   */
  static Dataset<Row> answer(PipelineContext ctx, Dataset<Row> questions, List<Counts> counts) {
    long n = questions.count();
    JudgeSpec spec = spec(ctx.config().judge());
    long start = System.nanoTime();
    Dataset<Row> cache = ctx.tables().read(RaifTables.Table.JUDGE_CACHE)
        .where(col("judge_model").equalTo(spec.identity())).select("question", "answer_hash", "verdict");
    Dataset<Row> distinct = questions.select("question", "instruction", "answer", "answer_hash")
        .dropDuplicates("question", "answer_hash");
    Dataset<Row> ask = distinct.join(cache, SparkValues.seq(List.of("question", "answer_hash")), "left_anti")
        .repartition(ctx.spark().sparkContext().defaultParallelism(), col("answer_hash"))
        .sortWithinPartitions("answer_hash", "question");
    LongAccumulator requests = ctx.spark().sparkContext().longAccumulator("judge requests");
    LongAccumulator retries = ctx.spark().sparkContext().longAccumulator("judge retries");
    Dataset<Row> judged = ask.mapPartitions(JudgeRows.verdicts(spec, BATCH, requests, retries),
        Encoders.row(JudgeRows.VERDICT)).persist(StorageLevel.MEMORY_AND_DISK());
    long asked = judged.count();
    long failed = judged.where(col("verdict").isNull()).count();
    if (asked > failed) {
      ctx.tables().insertMissing(RaifTables.Table.JUDGE_CACHE, judged.where(col("verdict").isNotNull())
          .withColumn("judge_model", lit(spec.identity())).withColumn("judged_at", current_timestamp()));
    }
    Dataset<Row> known = cache.withColumn("judge_error", lit(null).cast("string"))
        .unionByName(judged.select("question", "answer_hash", "verdict", "judge_error"))
        .dropDuplicates("question", "answer_hash");
    Dataset<Row> out = questions.join(known, SparkValues.seq(List.of("question", "answer_hash")), "left")
        .persist(StorageLevel.MEMORY_AND_DISK());
    out.count();
    judged.unpersist();
    counts.add(new Counts(n, n - asked, asked, failed, requests.value(), retries.value(),
        (System.nanoTime() - start) / 1e9));
    return out;
  }
}
