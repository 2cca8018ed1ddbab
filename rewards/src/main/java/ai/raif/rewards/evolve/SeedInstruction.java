package ai.raif.rewards.evolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A seed instruction to evolve: one line of a JSONL file {@code {"seed_id": "...", "instruction": "...", "topic": ...}}
 * (topic optional). The id becomes part of prompt ids, so it is limited to letters, digits and {@code _.:-}.
 */
public record SeedInstruction(String seedId, String instruction, String topic) {
  static final int MAX_CHARS = 4000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("seed_id", "instruction", "topic");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  /**
   * @param line 1-based line number, for messages
   * @throws IllegalArgumentException naming the line, the field and the reason
   */
  public static SeedInstruction parse(String text, long line) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("line " + line + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) throw new IllegalArgumentException("line " + line + ": expected a JSON object");
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("line " + line + ": unknown field '" + k + "' (known: seed_id, instruction, topic)");
      }
    }
    String id = string(n, "seed_id", line);
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("line " + line + ": field seed_id: missing, or not 1-100 letters, digits, '_', '.', ':' or '-'");
    }
    String instruction = string(n, "instruction", line);
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException("line " + line + " (seed " + id + "): field instruction: missing or blank");
    }
    if (instruction.length() > MAX_CHARS) {
      throw new IllegalArgumentException("line " + line + " (seed " + id + "): field instruction: longer than "
          + MAX_CHARS + " characters");
    }
    return new SeedInstruction(id, instruction.strip(), string(n, "topic", line));
  }

  private static String string(JsonNode n, String field, long line) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) {
      throw new IllegalArgumentException("line " + line + ": field " + field + ": expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }
}
