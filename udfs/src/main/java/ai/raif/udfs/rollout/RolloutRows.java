package ai.raif.udfs.rollout;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SparkValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark shapes of rollout work: chat messages, one task per rollout, and a row of the {@code rollouts} table. */
public final class RolloutRows {
  public static final StructType MESSAGE = new StructType()
      .add("role", DataTypes.StringType, true)
      .add("content", DataTypes.StringType, true);

  /** Key of every per-rollout table: rollouts, rewards, samples. */
  public static final List<String> KEY = List.of("run_id", "iteration", "prompt_id", "mode", "sample_idx");

  public static final StructType TASK = new StructType()
      .add("prompt_id", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, true)
      .add("messages", DataTypes.createArrayType(MESSAGE), true)
      .add("mode", DataTypes.StringType, false)
      .add("sample_idx", DataTypes.IntegerType, false)
      .add("seed", DataTypes.LongType, false);

  public static final StructType ROLLOUT = new StructType(new StructField[] {
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("iteration", DataTypes.IntegerType, false),
      DataTypes.createStructField("prompt_id", DataTypes.StringType, false),
      DataTypes.createStructField("mode", DataTypes.StringType, false),
      DataTypes.createStructField("sample_idx", DataTypes.IntegerType, false),
      DataTypes.createStructField("source", DataTypes.StringType, true),
      DataTypes.createStructField("policy_version", DataTypes.LongType, false),
      DataTypes.createStructField("seed", DataTypes.LongType, false),
      DataTypes.createStructField("prompt_text", DataTypes.StringType, true),
      DataTypes.createStructField("response", DataTypes.StringType, true),
      DataTypes.createStructField("response_token_ids", DataTypes.createArrayType(DataTypes.IntegerType, true), true),
      DataTypes.createStructField("sampled_logprobs", DataTypes.createArrayType(DataTypes.FloatType, true), true),
      DataTypes.createStructField("policy_logprobs", DataTypes.createArrayType(DataTypes.FloatType, true), true),
      DataTypes.createStructField("prompt_tokens", DataTypes.IntegerType, false),
      DataTypes.createStructField("response_tokens", DataTypes.IntegerType, false),
      DataTypes.createStructField("finish_reason", DataTypes.StringType, true),
      DataTypes.createStructField("gen_ms", DataTypes.LongType, false),
      DataTypes.createStructField("error", DataTypes.StringType, true)});

  private RolloutRows() {}

  /** The rollout key's columns, the start of every per-rollout table's schema. */
  public static StructType keySchema() {
    StructType s = new StructType();
    for (String k : KEY) s = s.add(ROLLOUT.apply(k));
    return s;
  }

  /** Prompt rows ({@code prompt_id, source, messages}) to one task row per rollout of the prompt's group. */
  public static FlatMapFunction<Row, Row> expand(RolloutSettings settings) {
    return prompt -> {
      List<Row> out = new ArrayList<>();
      String id = prompt.getAs("prompt_id");
      String source = prompt.getAs("source");
      List<Row> messages = prompt.getList(prompt.fieldIndex("messages"));
      for (RolloutTask t : RolloutPlan.expand(settings, id, source, messagesOf(messages))) {
        out.add(RowFactory.create(id, source, SparkValues.seq(messages), t.mode().wireName(), t.sampleIdx(), t.seed()));
      }
      return out.iterator();
    };
  }

  static RolloutTask task(Row r) {
    List<Row> messages = r.isNullAt(r.fieldIndex("messages")) ? null : r.getList(r.fieldIndex("messages"));
    return new RolloutTask(r.getAs("prompt_id"), r.getAs("source"), messagesOf(messages),
        RolloutMode.of(r.getAs("mode")), r.<Integer>getAs("sample_idx"), r.<Long>getAs("seed"));
  }

  /** A {@code messages} column value as chat messages. */
  public static List<ChatMessage> messagesOf(List<Row> rows) {
    List<ChatMessage> out = new ArrayList<>();
    if (rows == null) return out;
    for (Row m : rows) out.add(new ChatMessage(m.getString(0), m.getString(1)));
    return out;
  }

  private static Object floats(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) out.add(v);
    return SparkValues.seq(out);
  }

  static Row rollout(RolloutSettings s, RolloutResult r) {
    RolloutTask t = r.task();
    List<Integer> ids = new ArrayList<>(r.responseTokenIds().length);
    for (int id : r.responseTokenIds()) ids.add(id);
    return RowFactory.create(s.runId(), s.iteration(), t.promptId(), t.mode().wireName(), t.sampleIdx(),
        t.source(), s.model().policyVersion(), t.seed(), r.promptText(), r.response(), SparkValues.seq(ids),
        floats(r.sampledLogprobs()), floats(r.policyLogprobs()),
        r.promptTokens(), r.responseTokenIds().length, r.finishReason(), r.genMs(), r.error());
  }
}
