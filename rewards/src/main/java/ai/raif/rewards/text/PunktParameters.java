package ai.raif.rewards.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The learned Punkt parameters: abbreviation types, collocations (stored as "first\tsecond"), frequent sentence
 * starters and orthographic-context flags per word type.
 */
record PunktParameters(Set<String> abbrevTypes, Set<String> collocations, Set<String> sentStarters,
                       Map<String, Integer> orthoContext) {
  PunktParameters {
    abbrevTypes = Set.copyOf(abbrevTypes);
    collocations = Set.copyOf(collocations);
    sentStarters = Set.copyOf(sentStarters);
    orthoContext = Map.copyOf(orthoContext);
  }

  boolean isCollocation(String first, String second) {
    return collocations.contains(first + "\t" + second);
  }

  /** The flags of a word type; 0 for a type never seen in training (NLTK's defaultdict(int)). */
  int orthoContext(String type) {
    return orthoContext.getOrDefault(type, 0);
  }

  static PunktParameters load(String resource) {
    try (InputStream in = PunktParameters.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Punkt parameters " + resource + " are not on the classpath; the rewards build "
            + "puts them there with bin/fetch-rewards-data (mvn generate-resources)");
      }
      return parse(new ObjectMapper().readTree(in), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Punkt parameters " + resource, e);
    }
  }

  static PunktParameters parse(JsonNode root, String source) {
    Set<String> collocations = new HashSet<>();
    for (JsonNode pair : field(root, "collocations", source)) {
      if (pair.size() != 2) throw new IllegalArgumentException(source + ": collocation " + pair + " is not a pair");
      collocations.add(pair.get(0).asText() + "\t" + pair.get(1).asText());
    }
    Map<String, Integer> ortho = new HashMap<>();
    field(root, "ortho_context", source).fields().forEachRemaining(e -> {
      if (!e.getValue().canConvertToInt()) {
        throw new IllegalArgumentException(source + ": ortho_context of '" + e.getKey() + "' is not an integer");
      }
      ortho.put(e.getKey(), e.getValue().intValue());
    });
    return new PunktParameters(strings(root, "abbrev_types", source), collocations,
        strings(root, "sent_starters", source), ortho);
  }

  private static Set<String> strings(JsonNode root, String name, String source) {
    Set<String> values = new HashSet<>();
    field(root, name, source).forEach(v -> values.add(v.asText()));
    return values;
  }

  private static JsonNode field(JsonNode root, String name, String source) {
    JsonNode node = root.get(name);
    if (node == null || !(node.isArray() || node.isObject())) {
      throw new IllegalArgumentException(source + ": field '" + name + "' is missing or not a list/object");
    }
    return node;
  }
}
