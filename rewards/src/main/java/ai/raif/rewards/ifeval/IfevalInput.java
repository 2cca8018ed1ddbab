package ai.raif.rewards.ifeval;

import ai.raif.rewards.Constraint;
import java.util.List;
import java.util.Map;

/**
 * One row of IFEval's {@code input_data.jsonl}: {@code kwargs.get(i)} holds the arguments of
 * {@code instructionIds.get(i)}. {@code key} keeps the JSON text of the row's key; it only names the row in messages.
 */
public record IfevalInput(String key, String prompt, List<String> instructionIds, List<Map<String, Object>> kwargs) {
  public IfevalInput {
    instructionIds = List.copyOf(instructionIds);
    kwargs = List.copyOf(kwargs);
  }

  /** The row's constraints, instruction id with its arguments. */
  public List<Constraint> constraints() {
    List<Constraint> out = new java.util.ArrayList<>();
    for (int i = 0; i < instructionIds.size(); i++) out.add(new Constraint(instructionIds.get(i), kwargs.get(i)));
    return out;
  }
}
