package ai.raif.rewards.evolve;

import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An evolved prompt, ready for the pipeline's prompt file.
 *
 * @param source {@code ifeval} (rule label) or {@code complex} (judge questions)
 * @param expertResponse the teacher's {@code <think>…</think><answer>…</answer>} that passed its own checks, or null
 */
public record EvolvedPrompt(String promptId, String source, String split, String instruction, CompositeLabel label,
    String expertResponse) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of a prompts JSONL file, in the built-in prompt set's format ({@code prompts.source}). */
  public String toJsonLine() {
    ObjectNode n = JSON.createObjectNode();
    n.put("prompt_id", promptId);
    n.put("source", source);
    n.put("split", split);
    n.putArray("messages").addObject().put("role", "user").put("content", instruction);
    try {
      n.set("constraints", JSON.readTree(CompositeLabelJson.write(label)));
      n.putNull("reference_answer");
      n.put("expert_response", expertResponse);
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write prompt " + promptId, e);
    }
  }
}
