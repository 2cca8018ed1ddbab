package ai.raif.jobs.pipeline;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.composition.Step;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.TaskKind;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.RolloutRows;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One line of a prompt file (JSONL) to a row of the {@code prompts} table. A bad line still becomes a row, with
 * {@code error} naming the line, the field and the reason, so a load never fails on data and the problem is visible.
 *
 * <pre>
 * {"prompt_id": "ifeval-001", "source": "ifeval", "split": "train",
 *  "messages": [{"role": "user", "content": "..."}],
 *  "constraints": {"instruction_id_list": [...], "kwargs": [...]}  (or {"scoring_questions": [...]}, or null for math),
 *  "reference_answer": null, "expert_response": "&lt;think&gt;...&lt;/think&gt;&lt;answer&gt;...&lt;/answer&gt;"}
 * </pre>
 */
public final class PromptRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("prompt_id", "source", "split", "messages", "constraints",
      "reference_answer", "expert_response");
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final IfevalChecker CHECKER = new IfevalChecker();

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("prompt_id", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false)
      .add("source", DataTypes.StringType, true)
      .add("split", DataTypes.StringType, true)
      .add("messages", DataTypes.createArrayType(RolloutRows.MESSAGE), true)
      .add("constraints", DataTypes.StringType, true)
      .add("reference_answer", DataTypes.StringType, true)
      .add("expert_response", DataTypes.StringType, true)
      .add("error", DataTypes.StringType, true);

  private PromptRecords() {}

  /** @param line 1-based line number in the source, for error messages and for ids of lines without one */
  public static Row parse(String runId, long line, String text) {
    String id = "line-" + line;
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) return error(runId, id, line, "line " + line + ": expected a JSON object");
      if (n.hasNonNull("prompt_id") && n.get("prompt_id").isTextual() && !n.get("prompt_id").asText().isBlank()) {
        id = n.get("prompt_id").asText();
      } else {
        return error(runId, id, line, "line " + line + ": field prompt_id: missing or not a non-empty string");
      }
      String where = "line " + line + " (prompt " + id + ")";
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) return error(runId, id, line, where + ": unknown field '" + k + "' (known: " + KEYS + ")");
      }
      String source = text(n, "source");
      if (source == null) return error(runId, id, line, where + ": field source: missing (ifeval, complex or math)");
      TaskKind task;
      try {
        task = RewardTask.parse(source).kind();
      } catch (IllegalArgumentException e) {
        return error(runId, id, line, where + ": field source: " + e.getMessage());
      }
      String split = text(n, "split");
      if (split == null) split = "train";
      if (!split.equals("train") && !split.equals("eval")) {
        return error(runId, id, line, where + ": field split: '" + split + "', expected train or eval");
      }
      JsonNode msgs = n.get("messages");
      if (msgs == null || !msgs.isArray()) return error(runId, id, line, where + ": field messages: missing or not a list");
      List<Row> messages = new ArrayList<>();
      for (int i = 0; i < msgs.size(); i++) {
        JsonNode m = msgs.get(i);
        String role = m.isObject() ? text(m, "role") : null;
        String content = m.isObject() ? text(m, "content") : null;
        if (role == null || !ROLES.contains(role) || content == null) {
          return error(runId, id, line, where + ": field messages[" + i + "]: needs role (system, user or assistant)"
              + " and content strings");
        }
        messages.add(RowFactory.create(role, content));
      }
      JsonNode c = n.get("constraints");
      String constraints = c == null || c.isNull() ? null : c.isTextual() ? c.asText() : JSON.writeValueAsString(c);
      String labelProblem = labelProblem(task, constraints);
      if (labelProblem != null) return error(runId, id, line, where + ": field constraints: " + labelProblem);
      return row(runId, id, line, source, split, SparkValues.seq(messages), constraints, text(n, "reference_answer"),
          text(n, "expert_response"), null);
    } catch (JsonProcessingException e) {
      return error(runId, id, line, "line " + line + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      return error(runId, id, line, "line " + line + " (prompt " + id + "): " + e.getMessage());
    }
  }

  /**
   * Why a prompt's label cannot be scored, or null: a rule prompt's label must name rules (of every step, active or
   * not) that the IFEval checkers can bind, ids and kwargs alike; a judged prompt's label must parse. Checked when the
   * prompt loads, so a bad label is an error row here rather than rollouts generated for a prompt no reward can score.
   * A prompt without a label passes: {@code raif eval} loads its benchmark's prompts so and scores them itself.
   */
  static String labelProblem(TaskKind task, String constraints) {
    if (task == TaskKind.MATH || constraints == null) return null;
    try {
      CompositeLabel label = CompositeLabelJson.parse(constraints);
      if (task == TaskKind.IFEVAL) {
        for (Step step : label.steps()) for (Constraint rule : step.rules()) CHECKER.bind(rule);
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new IllegalArgumentException("field " + field + ": expected a string, got " + v.getNodeType());
    return v.asText();
  }

  private static Row error(String runId, String id, long line, String message) {
    return row(runId, id, line, null, null, null, null, null, null, message);
  }

  /** A row that knows its schema, so callers can read fields by name. */
  private static Row row(Object... values) {
    return new GenericRowWithSchema(values, SCHEMA);
  }
}
