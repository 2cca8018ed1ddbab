package ai.raif.udfs.reward;

import ai.raif.rewards.reward.ConstraintVerdict;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.udfs.SparkValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The reward as a Spark struct: what the {@code rewards} table stores and what the SQL functions return. */
public final class RewardRows {
  static final String JUDGE_ID = "judge:question";
  static final String MATH_ID = "math:equivalent";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final StructType VERDICT = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("kwargs", DataTypes.StringType, true)
      .add("outcome", DataTypes.StringType, true)
      .add("error", DataTypes.StringType, true);

  public static final StructType REWARD = new StructType()
      .add("format_ok", DataTypes.BooleanType, true)
      .add("think_text", DataTypes.StringType, true)
      .add("answer_text", DataTypes.StringType, true)
      .add("gated", DataTypes.BooleanType, true)
      .add("verdicts", DataTypes.createArrayType(VERDICT, true), true)
      .add("rule_score", DataTypes.DoubleType, true)
      .add("judge_score", DataTypes.DoubleType, true)
      .add("math_ok", DataTypes.BooleanType, true)
      .add("format_reward", DataTypes.DoubleType, true)
      .add("accuracy_reward", DataTypes.DoubleType, true)
      .add("reward", DataTypes.DoubleType, true)
      .add("error", DataTypes.StringType, true);

  private RewardRows() {}

  public static Row toRow(RolloutReward.Scored scored) {
    RewardResult r = scored.result();
    if (r == null) {
      return RowFactory.create(null, null, null, null, null, null, null, null, null, null, null, scored.error());
    }
    List<Row> verdicts = new ArrayList<>();
    for (ConstraintVerdict v : r.verdicts()) {
      verdicts.add(RowFactory.create(v.constraint().id(), json(v.constraint().kwargs()),
          v.outcome().name().toLowerCase(Locale.ROOT), v.error()));
    }
    Boolean mathOk = null;
    for (ConstraintVerdict v : r.verdicts()) if (v.constraint().id().equals(MATH_ID)) mathOk = v.passed();
    return RowFactory.create(r.formatOk(), r.thinkText(), r.answerText(), r.gated(), SparkValues.seq(verdicts),
        fraction(r.verdicts(), false), fraction(r.verdicts(), true), mathOk, r.formatReward(), r.accuracyReward(),
        r.total(), r.error());
  }

  /** Passed / checked over rule verdicts ({@code judged = false}) or judge verdicts; null when there are none. */
  private static Double fraction(List<ConstraintVerdict> verdicts, boolean judged) {
    int checked = 0;
    int passed = 0;
    for (ConstraintVerdict v : verdicts) {
      String id = v.constraint().id();
      if (id.equals(MATH_ID) || id.equals(JUDGE_ID) != judged || !v.checked()) continue;
      checked++;
      if (v.passed()) passed++;
    }
    return checked == 0 ? null : (double) passed / checked;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
