package ai.raif.rewards;

import java.util.Map;

/**
 * One verifiable constraint in IFEval's JSON form: an instruction id such as {@code "length_constraints:number_words"}
 * and its keyword arguments ({@code {"relation": "at least", "num_words": 300}}). Kwargs keep the JSON types that
 * Jackson gives them (String, Integer/Long, Double, Boolean, List, Map); null values mean "not given", as in IFEval.
 */
public record Constraint(String id, Map<String, Object> kwargs) {
  public Constraint {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("constraint id is missing");
    kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
  }
}
