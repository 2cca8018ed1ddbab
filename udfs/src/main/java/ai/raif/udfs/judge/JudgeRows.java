package ai.raif.udfs.judge;

import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.rewards.judge.Verdict;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.reward.RolloutReward;
import ai.raif.udfs.rollout.ReasoningPrompt;
import ai.raif.udfs.rollout.RolloutRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The judge on Spark: rollouts of {@code complex} prompts become one row per scoring question (only for answers the
 * accuracy gate admits: the others score −2 without asking), and a partition of distinct questions becomes their
 * verdicts. A question the judge cannot answer gets a null verdict and an error, so the rollout's reward row says why.
 */
public final class JudgeRows {
  /** One question about one answer; {@code answer_hash} covers the instruction and the answer. */
  public static final StructType QUESTION;

  public static final StructType VERDICT = new StructType()
      .add("question", DataTypes.StringType, false)
      .add("answer_hash", DataTypes.StringType, false)
      .add("verdict", DataTypes.BooleanType, true)
      .add("judge_error", DataTypes.StringType, true);

  static {
    QUESTION = RolloutRows.keySchema().add("q_idx", DataTypes.IntegerType, false)
        .add("question", DataTypes.StringType, false)
        .add("instruction", DataTypes.StringType, false)
        .add("answer", DataTypes.StringType, false)
        .add("answer_hash", DataTypes.StringType, false);
  }

  private JudgeRows() {}

  /** Rows with key, source, mode, policy_output, constraints, messages → their scoring questions. */
  public static FlatMapFunction<Row, Row> questions(RewardConfig config) {
    return r -> {
      List<Row> out = new ArrayList<>();
      String output = r.getAs("policy_output");
      String labelJson = r.getAs("constraints");
      if (output == null || labelJson == null) return out.iterator();
      RewardTask task;
      CompositeLabel label;
      RolloutMode mode;
      try {
        task = RewardTask.parse(r.getAs("source"));
        if (task.kind() != TaskKind.COMPLEX) return out.iterator();
        label = CompositeLabelJson.parse(labelJson);
        mode = RolloutMode.of(r.<String>getAs("mode"));
      } catch (IllegalArgumentException e) {
        return out.iterator(); // the reward stage reports the data error on the rollout's row
      }
      RaifReward reward = RolloutReward.reward(config);
      if (label.activeQuestions().isEmpty() || !reward.admits(task, output, mode)) return out.iterator();
      String answer = reward.parts(task, mode, output).answer();
      String instruction = instruction(r.getList(r.fieldIndex("messages")));
      String hash = hash(instruction, answer);
      List<String> questions = label.activeQuestions();
      for (int i = 0; i < questions.size(); i++) {
        out.add(RowFactory.create(r.getAs("run_id"), r.getAs("iteration"), r.getAs("prompt_id"), r.getAs("mode"),
            r.getAs("sample_idx"), i, questions.get(i), instruction, answer, hash));
      }
      return out.iterator();
    };
  }

  /** The instruction as the judge sees it: the rollout's system prompt shrunk past the trigger, and the user turn. */
  static String instruction(List<Row> messages) {
    List<ChatMessage> withTrigger = ReasoningPrompt.withTrigger(RolloutRows.messagesOf(messages));
    String user = null;
    for (ChatMessage m : withTrigger) if (m.role().equals("user")) user = m.content();
    return JudgePrompt.instruction(withTrigger.get(0).content(), user);
  }

  public static String hash(String instruction, String answer) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(instruction.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(answer.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /**
   * Distinct questions (question, instruction, answer, answer_hash) → {@link #VERDICT} rows, asked in batches.
   * The accumulators count remote requests and retries across executors for the job summary.
   */
  public static MapPartitionsFunction<Row, Row> verdicts(JudgeSpec spec, int batchSize, LongAccumulator requests,
      LongAccumulator retries) {
    return input -> {
      List<Row> rows = new ArrayList<>();
      input.forEachRemaining(rows::add);
      List<Row> out = new ArrayList<>();
      if (rows.isEmpty()) return out.iterator();
      try (Judge judge = spec.open()) {
        for (int from = 0; from < rows.size(); from += batchSize) {
          List<Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
          List<JudgeQuestion> qs = new ArrayList<>();
          for (Row r : batch) qs.add(new JudgeQuestion(r.getAs("instruction"), r.getAs("answer"), r.getAs("question")));
          List<Verdict> verdicts;
          try {
            verdicts = judge.outcomes(qs);
          } catch (RuntimeException e) {
            verdicts = java.util.Collections.nCopies(qs.size(), Verdict.failed(e));
          }
          for (int i = 0; i < batch.size(); i++) {
            Row r = batch.get(i);
            Verdict v = verdicts.get(i);
            out.add(RowFactory.create(r.getAs("question"), r.getAs("answer_hash"), v.yes(),
                v.failed() ? "judge: " + v.error() : null));
          }
        }
      }
      var stats = spec.takeUnreportedStats();
      requests.add(stats.requests());
      retries.add(stats.retries());
      return out.iterator();
    };
  }

}
