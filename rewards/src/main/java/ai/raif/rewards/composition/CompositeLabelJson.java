package ai.raif.rewards.composition;

import ai.raif.rewards.Constraint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link CompositeLabel}s as JSON. Two forms are accepted:
 *
 * <pre>
 * RAIF's flat form (raif-spec §2.2), one And step:
 *   {"instruction_id_list": ["keywords:existence"], "kwargs": [{"keywords": ["ai"]}],
 *    "follow_score_qwen2.5-7B-Instruct": 1}
 *   {"scoring_questions": ["Is it a poem?", "..."], "scoring_sum_qwen2.5-7B-Instruct": 2}
 *
 * the composite form:
 *   {"composition": "selection",
 *    "steps": [{"name": "if the input is code", "active": false, "scoring_questions": ["..."]},
 *              {"name": "otherwise", "instruction_id_list": ["..."], "kwargs": [{}], "scoring_questions": ["..."]}],
 *    "scoring_sum_qwen2.5-7B-Instruct": 1}
 * </pre>
 *
 * A step's {@code active} defaults to true. Keys starting with {@code scoring_sum_} or {@code follow_score_} hold
 * offline reference scores. Any other key is an error, so that a misspelt key cannot silently empty a label.
 * Writing uses the flat form whenever the label is a single unnamed And step, so RAIF labels round-trip unchanged.
 */
public final class CompositeLabelJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String IDS = "instruction_id_list";
  private static final String KWARGS = "kwargs";
  private static final String QUESTIONS = "scoring_questions";
  private static final String COMPOSITION = "composition";
  private static final String STEPS = "steps";
  private static final String NAME = "name";
  private static final String ACTIVE = "active";
  private static final List<String> REFERENCE_PREFIXES = List.of("scoring_sum_", "follow_score_");
  private static final Set<String> FLAT_KEYS = Set.of(IDS, KWARGS, QUESTIONS);
  private static final Set<String> STEP_KEYS = Set.of(IDS, KWARGS, QUESTIONS, NAME, ACTIVE);

  private CompositeLabelJson() {}

  /** @throws IllegalArgumentException naming the offending key when the JSON is not a valid label. */
  public static CompositeLabel parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("label: not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("label: expected a JSON object");
    Map<String, Double> references = new LinkedHashMap<>();
    boolean composite = root.has(STEPS) || root.has(COMPOSITION);
    Set<String> allowed = composite ? Set.of(STEPS, COMPOSITION) : FLAT_KEYS;
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (REFERENCE_PREFIXES.stream().anyMatch(key::startsWith)) {
        references.put(key, number(root.get(key), "label." + key));
      } else if (!allowed.contains(key)) {
        throw new IllegalArgumentException("label: unknown key '" + key + "'"
            + (composite && FLAT_KEYS.contains(key) ? " (a label with steps keeps its constraints inside the steps)" : ""));
      }
    }
    if (!composite) {
      if (!root.has(IDS) && !root.has(QUESTIONS)) {
        throw new IllegalArgumentException("label: needs '" + IDS + "', '" + QUESTIONS + "' or '" + STEPS + "'");
      }
      return new CompositeLabel(Composition.AND, List.of(step(root, "label", null, true)), references);
    }
    if (!root.has(COMPOSITION)) throw new IllegalArgumentException("label: '" + STEPS + "' needs a '" + COMPOSITION + "'");
    if (!root.path(STEPS).isArray()) throw new IllegalArgumentException("label.steps: expected an array");
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < root.get(STEPS).size(); i++) {
      JsonNode node = root.get(STEPS).get(i);
      String where = "label.steps[" + i + "]";
      if (!node.isObject()) throw new IllegalArgumentException(where + ": expected an object");
      node.fieldNames().forEachRemaining(key -> {
        if (!STEP_KEYS.contains(key)) throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
      });
      String name = node.has(NAME) && !node.get(NAME).isNull() ? text(node.get(NAME), where + "." + NAME) : null;
      boolean active = !node.has(ACTIVE) || bool(node.get(ACTIVE), where + "." + ACTIVE);
      steps.add(step(node, where, name, active));
    }
    return new CompositeLabel(Composition.parse(text(root.get(COMPOSITION), "label.composition")), steps, references);
  }

  public static String write(CompositeLabel label) {
    ObjectNode root = MAPPER.createObjectNode();
    List<Step> steps = label.steps();
    if (label.composition() == Composition.AND && steps.size() == 1 && steps.get(0).name() == null) {
      writeConstraints(root, steps.get(0));
    } else {
      root.put(COMPOSITION, label.composition().jsonName());
      ArrayNode array = root.putArray(STEPS);
      for (Step step : steps) {
        ObjectNode node = array.addObject();
        if (step.name() != null) node.put(NAME, step.name());
        node.put(ACTIVE, step.active());
        writeConstraints(node, step);
      }
    }
    // RAIF writes its reference scores as counts; keep integral ones integral
    label.referenceScores().forEach((key, value) -> {
      if (value == Math.rint(value) && Math.abs(value) < 1e15) root.put(key, value.longValue());
      else root.put(key, value);
    });
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise label", e);
    }
  }

  private static void writeConstraints(ObjectNode node, Step step) {
    if (!step.rules().isEmpty()) {
      ArrayNode ids = node.putArray(IDS);
      ArrayNode kwargs = node.putArray(KWARGS);
      for (Constraint rule : step.rules()) {
        ids.add(rule.id());
        kwargs.add(MAPPER.valueToTree(rule.kwargs()));
      }
    }
    if (!step.questions().isEmpty() || step.rules().isEmpty()) {
      ArrayNode questions = node.putArray(QUESTIONS);
      step.questions().forEach(questions::add);
    }
  }

  private static Step step(JsonNode node, String where, String name, boolean active) {
    List<Constraint> rules = new ArrayList<>();
    if (node.has(IDS) || node.has(KWARGS)) {
      JsonNode ids = array(node.get(IDS), where + "." + IDS);
      JsonNode kwargs = array(node.get(KWARGS), where + "." + KWARGS);
      if (ids.size() != kwargs.size()) {
        throw new IllegalArgumentException(where + ": " + IDS + " has " + ids.size() + " entries but " + KWARGS
            + " has " + kwargs.size());
      }
      for (int i = 0; i < ids.size(); i++) {
        String id = text(ids.get(i), where + "." + IDS + "[" + i + "]");
        JsonNode args = kwargs.get(i);
        if (!args.isNull() && !args.isObject()) {
          throw new IllegalArgumentException(where + "." + KWARGS + "[" + i + "]: expected an object or null");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = args.isNull() ? Map.of() : MAPPER.convertValue(args, LinkedHashMap.class);
        rules.add(new Constraint(id, map));
      }
    }
    List<String> questions = new ArrayList<>();
    if (node.has(QUESTIONS)) {
      JsonNode qs = array(node.get(QUESTIONS), where + "." + QUESTIONS);
      for (int i = 0; i < qs.size(); i++) questions.add(text(qs.get(i), where + "." + QUESTIONS + "[" + i + "]"));
    }
    return new Step(name, active, rules, questions);
  }

  private static JsonNode array(JsonNode node, String where) {
    if (node == null || !node.isArray()) throw new IllegalArgumentException(where + ": expected an array");
    return node;
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": expected a non-empty string");
    }
    return node.asText();
  }

  private static boolean bool(JsonNode node, String where) {
    if (!node.isBoolean()) throw new IllegalArgumentException(where + ": expected true or false");
    return node.asBoolean();
  }

  private static double number(JsonNode node, String where) {
    if (node == null || !node.isNumber()) throw new IllegalArgumentException(where + ": expected a number");
    return node.asDouble();
  }
}
